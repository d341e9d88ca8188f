import Audio
import CSpeexDSP

/// The libspeexdsp functions pipit calls, resolved from `libspeexdsp.so.1` by the first
/// echo canceller, preprocessor or resampler and kept for the life of the process (an idle
/// phone never maps it). Each field is the C function without its `speex_` prefix.
final class SpeexLibrary: @unchecked Sendable {  // immutable C function pointers
    let echo_state_init: speex_echo_state_init_fn
    let echo_state_destroy: speex_echo_state_destroy_fn
    let echo_state_reset: speex_echo_state_reset_fn
    let echo_ctl: speex_echo_ctl_fn
    let echo_cancellation: speex_echo_cancellation_fn
    let preprocess_state_init: speex_preprocess_state_init_fn
    let preprocess_state_destroy: speex_preprocess_state_destroy_fn
    let preprocess_ctl: speex_preprocess_ctl_fn
    let preprocess_run: speex_preprocess_run_fn
    let resampler_init: speex_resampler_init_fn
    let resampler_destroy: speex_resampler_destroy_fn
    let resampler_process_int: speex_resampler_process_int_fn
    let resampler_skip_zeros: speex_resampler_skip_zeros_fn
    let resampler_reset_mem: speex_resampler_reset_mem_fn
    let resampler_get_input_latency: speex_resampler_get_input_latency_fn
    let resampler_strerror: speex_resampler_strerror_fn

    /// Loaded once (Swift initialises a global once, thread-safely); a failure is kept and
    /// reported on every use.
    private static let loaded = Result { () throws(SharedLibraryError) in
        try SpeexLibrary(SharedLibrary("libspeexdsp.so.1", package: "libspeexdsp1"))
    }

    /// The functions, or what to install (the library's own words).
    static func load() throws(SharedLibraryError) -> SpeexLibrary { try loaded.get() }

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        echo_state_init = try library.function("speex_echo_state_init")
        echo_state_destroy = try library.function("speex_echo_state_destroy")
        echo_state_reset = try library.function("speex_echo_state_reset")
        echo_ctl = try library.function("speex_echo_ctl")
        echo_cancellation = try library.function("speex_echo_cancellation")
        preprocess_state_init = try library.function("speex_preprocess_state_init")
        preprocess_state_destroy = try library.function("speex_preprocess_state_destroy")
        preprocess_ctl = try library.function("speex_preprocess_ctl")
        preprocess_run = try library.function("speex_preprocess_run")
        resampler_init = try library.function("speex_resampler_init")
        resampler_destroy = try library.function("speex_resampler_destroy")
        resampler_process_int = try library.function("speex_resampler_process_int")
        resampler_skip_zeros = try library.function("speex_resampler_skip_zeros")
        resampler_reset_mem = try library.function("speex_resampler_reset_mem")
        resampler_get_input_latency = try library.function("speex_resampler_get_input_latency")
        resampler_strerror = try library.function("speex_resampler_strerror")
    }
}
