#include <alsa/asoundlib.h>

/* alsa-lib prints its own errors to stderr through a variadic handler, which Swift cannot
   define; pipit reports ALSA errors itself, so this one says nothing. */
static void pipit_alsa_quiet_error(const char *file, int line, const char *function, int err, const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

static inline void pipit_alsa_silence_errors(void) {
    snd_lib_error_set_handler(pipit_alsa_quiet_error);
}
