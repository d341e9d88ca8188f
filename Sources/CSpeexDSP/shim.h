#include <speex/speex_echo.h>
#include <speex/speex_preprocess.h>
#include <speex/speex_resampler.h>

/* pipit loads libspeexdsp with dlopen when the first echo canceller, preprocessor or
   resampler is made (an idle phone never maps it). These are the types of the functions
   it resolves, taken from the declarations above. */
#define PIPIT_SPEEX_FN(name) typedef __typeof__(&name) name##_fn;
PIPIT_SPEEX_FN(speex_echo_state_init)
PIPIT_SPEEX_FN(speex_echo_state_destroy)
PIPIT_SPEEX_FN(speex_echo_state_reset)
PIPIT_SPEEX_FN(speex_echo_ctl)
PIPIT_SPEEX_FN(speex_echo_cancellation)
PIPIT_SPEEX_FN(speex_preprocess_state_init)
PIPIT_SPEEX_FN(speex_preprocess_state_destroy)
PIPIT_SPEEX_FN(speex_preprocess_ctl)
PIPIT_SPEEX_FN(speex_preprocess_run)
PIPIT_SPEEX_FN(speex_resampler_init)
PIPIT_SPEEX_FN(speex_resampler_destroy)
PIPIT_SPEEX_FN(speex_resampler_process_int)
PIPIT_SPEEX_FN(speex_resampler_skip_zeros)
PIPIT_SPEEX_FN(speex_resampler_reset_mem)
PIPIT_SPEEX_FN(speex_resampler_get_input_latency)
PIPIT_SPEEX_FN(speex_resampler_strerror)
#undef PIPIT_SPEEX_FN
