#include <alsa/asoundlib.h>

/* pipit loads libasound with dlopen when a device is first used (an idle phone never needs
   it), so nothing links -lasound. These are the types of the functions it resolves, taken
   from the declarations above; dlsym finds the default symbol versions, which are the ones
   these declarations name (no ALSA_PCM_OLD_*_API here). */
#define PIPIT_SND_FN(name) typedef __typeof__(&name) name##_fn;
PIPIT_SND_FN(snd_strerror)
PIPIT_SND_FN(snd_config_top)
PIPIT_SND_FN(snd_config_load)
PIPIT_SND_FN(snd_config_delete)
PIPIT_SND_FN(snd_input_buffer_open)
PIPIT_SND_FN(snd_input_close)
PIPIT_SND_FN(snd_pcm_open)
PIPIT_SND_FN(snd_pcm_open_lconf)
PIPIT_SND_FN(snd_pcm_close)
PIPIT_SND_FN(snd_pcm_prepare)
PIPIT_SND_FN(snd_pcm_start)
PIPIT_SND_FN(snd_pcm_drop)
PIPIT_SND_FN(snd_pcm_wait)
PIPIT_SND_FN(snd_pcm_recover)
PIPIT_SND_FN(snd_pcm_avail_update)
PIPIT_SND_FN(snd_pcm_readi)
PIPIT_SND_FN(snd_pcm_writei)
PIPIT_SND_FN(snd_pcm_hw_params_malloc)
PIPIT_SND_FN(snd_pcm_hw_params_free)
PIPIT_SND_FN(snd_pcm_hw_params_any)
PIPIT_SND_FN(snd_pcm_hw_params_set_access)
PIPIT_SND_FN(snd_pcm_hw_params_set_format)
PIPIT_SND_FN(snd_pcm_hw_params_set_channels)
PIPIT_SND_FN(snd_pcm_hw_params_set_rate)
PIPIT_SND_FN(snd_pcm_hw_params_set_period_size_near)
PIPIT_SND_FN(snd_pcm_hw_params_set_buffer_size_near)
PIPIT_SND_FN(snd_pcm_hw_params)
PIPIT_SND_FN(snd_pcm_hw_params_get_rate)
PIPIT_SND_FN(snd_pcm_hw_params_get_period_size)
PIPIT_SND_FN(snd_pcm_hw_params_get_buffer_size)
PIPIT_SND_FN(snd_pcm_sw_params_malloc)
PIPIT_SND_FN(snd_pcm_sw_params_free)
PIPIT_SND_FN(snd_pcm_sw_params_current)
PIPIT_SND_FN(snd_pcm_sw_params_set_avail_min)
PIPIT_SND_FN(snd_pcm_sw_params_set_start_threshold)
PIPIT_SND_FN(snd_pcm_sw_params)
PIPIT_SND_FN(snd_device_name_hint)
PIPIT_SND_FN(snd_device_name_get_hint)
PIPIT_SND_FN(snd_device_name_free_hint)
#undef PIPIT_SND_FN

/* alsa-lib prints its own errors to stderr through a variadic handler, which Swift cannot
   define; pipit reports ALSA errors itself, so this one says nothing. */
static void pipit_alsa_quiet_error(const char *file, int line, const char *function, int err, const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

/* Installs the quiet handler through `snd_lib_error_set_handler`, found with dlsym (its
   parameter is a variadic function pointer, a type Swift cannot spell). */
static inline int pipit_alsa_silence_errors(void *set_handler) {
    return ((int (*)(snd_lib_error_handler_t))set_handler)(pipit_alsa_quiet_error);
}
