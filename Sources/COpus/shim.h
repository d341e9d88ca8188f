#include <opus/opus.h>

/* pipit loads libopus with dlopen when the first Opus encoder or decoder is made (an idle
   phone, or a G.711 call, never maps it). These are the types of the functions it
   resolves, taken from the declarations above. */
#define PIPIT_OPUS_FN(name) typedef __typeof__(&name) name##_fn;
PIPIT_OPUS_FN(opus_encoder_create)
PIPIT_OPUS_FN(opus_encoder_destroy)
PIPIT_OPUS_FN(opus_encoder_ctl)
PIPIT_OPUS_FN(opus_encode)
PIPIT_OPUS_FN(opus_decoder_create)
PIPIT_OPUS_FN(opus_decoder_destroy)
PIPIT_OPUS_FN(opus_decoder_ctl)
PIPIT_OPUS_FN(opus_decode)
PIPIT_OPUS_FN(opus_strerror)
PIPIT_OPUS_FN(opus_packet_get_nb_samples)
PIPIT_OPUS_FN(opus_packet_get_samples_per_frame)
PIPIT_OPUS_FN(opus_packet_get_nb_channels)
PIPIT_OPUS_FN(opus_packet_parse)
#undef PIPIT_OPUS_FN

/* opus_encoder_ctl and opus_decoder_ctl are variadic, which Swift cannot call: these
   fixed-argument wrappers pass one request through the resolved function. */
static inline int pipit_opus_encoder_set(opus_encoder_ctl_fn ctl, OpusEncoder *st, int request, opus_int32 value) {
    return ctl(st, request, value);
}
static inline int pipit_opus_encoder_get(opus_encoder_ctl_fn ctl, OpusEncoder *st, int request, opus_int32 *value) {
    return ctl(st, request, value);
}
static inline int pipit_opus_encoder_reset(opus_encoder_ctl_fn ctl, OpusEncoder *st) {
    return ctl(st, OPUS_RESET_STATE);
}
static inline int pipit_opus_decoder_reset(opus_decoder_ctl_fn ctl, OpusDecoder *st) {
    return ctl(st, OPUS_RESET_STATE);
}
