#include <opus/opus.h>

/* opus_encoder_ctl and opus_decoder_ctl are variadic, which Swift cannot call: these
   fixed-argument wrappers pass one request through. */
static inline int pipit_opus_encoder_set(OpusEncoder *st, int request, opus_int32 value) {
    return opus_encoder_ctl(st, request, value);
}
static inline int pipit_opus_encoder_get(OpusEncoder *st, int request, opus_int32 *value) {
    return opus_encoder_ctl(st, request, value);
}
static inline int pipit_opus_decoder_get(OpusDecoder *st, int request, opus_int32 *value) {
    return opus_decoder_ctl(st, request, value);
}
static inline int pipit_opus_encoder_reset(OpusEncoder *st) {
    return opus_encoder_ctl(st, OPUS_RESET_STATE);
}
static inline int pipit_opus_decoder_reset(OpusDecoder *st) {
    return opus_decoder_ctl(st, OPUS_RESET_STATE);
}
