import CAlsa

/// The alsa-lib functions pipit calls, resolved from `libasound.so.2` when ALSA is first
/// used (a PCM opens, PCMs are listed, `backend = "auto"` probes) and kept for the life of
/// the process. Each field is the C function without its `snd_` prefix:
/// `snd.pcm_open(…)` is `snd_pcm_open(…)`, with the header's own signature.
final class AlsaFunctions: @unchecked Sendable {  // immutable C function pointers
    let strerror: snd_strerror_fn
    let config_top: snd_config_top_fn
    let config_load: snd_config_load_fn
    let config_delete: snd_config_delete_fn
    let input_buffer_open: snd_input_buffer_open_fn
    let input_close: snd_input_close_fn
    let pcm_open: snd_pcm_open_fn
    let pcm_open_lconf: snd_pcm_open_lconf_fn
    let pcm_close: snd_pcm_close_fn
    let pcm_prepare: snd_pcm_prepare_fn
    let pcm_start: snd_pcm_start_fn
    let pcm_drop: snd_pcm_drop_fn
    let pcm_wait: snd_pcm_wait_fn
    let pcm_recover: snd_pcm_recover_fn
    let pcm_avail_update: snd_pcm_avail_update_fn
    let pcm_readi: snd_pcm_readi_fn
    let pcm_writei: snd_pcm_writei_fn
    let pcm_hw_params_malloc: snd_pcm_hw_params_malloc_fn
    let pcm_hw_params_free: snd_pcm_hw_params_free_fn
    let pcm_hw_params_any: snd_pcm_hw_params_any_fn
    let pcm_hw_params_set_access: snd_pcm_hw_params_set_access_fn
    let pcm_hw_params_set_format: snd_pcm_hw_params_set_format_fn
    let pcm_hw_params_set_channels: snd_pcm_hw_params_set_channels_fn
    let pcm_hw_params_set_rate: snd_pcm_hw_params_set_rate_fn
    let pcm_hw_params_set_period_size_near: snd_pcm_hw_params_set_period_size_near_fn
    let pcm_hw_params_set_buffer_size_near: snd_pcm_hw_params_set_buffer_size_near_fn
    let pcm_hw_params: snd_pcm_hw_params_fn
    let pcm_hw_params_get_rate: snd_pcm_hw_params_get_rate_fn
    let pcm_hw_params_get_period_size: snd_pcm_hw_params_get_period_size_fn
    let pcm_hw_params_get_buffer_size: snd_pcm_hw_params_get_buffer_size_fn
    let pcm_sw_params_malloc: snd_pcm_sw_params_malloc_fn
    let pcm_sw_params_free: snd_pcm_sw_params_free_fn
    let pcm_sw_params_current: snd_pcm_sw_params_current_fn
    let pcm_sw_params_set_avail_min: snd_pcm_sw_params_set_avail_min_fn
    let pcm_sw_params_set_start_threshold: snd_pcm_sw_params_set_start_threshold_fn
    let pcm_sw_params: snd_pcm_sw_params_fn
    let device_name_hint: snd_device_name_hint_fn
    let device_name_get_hint: snd_device_name_get_hint_fn
    let device_name_free_hint: snd_device_name_free_hint_fn

    /// Loaded once (Swift initialises a global once, thread-safely); a failure is kept and
    /// reported on every use.
    private static let loaded = Result { () throws(SharedLibraryError) in
        try AlsaFunctions(SharedLibrary("libasound.so.2", package: "libasound2"))
    }

    /// The functions, or an `AudioError` for `device` saying which package to install.
    static func load(device: String, operation: String) throws(AudioError) -> AlsaFunctions {
        do {
            return try loaded.get()
        } catch {
            throw AudioError(device: device, operation: operation, reason: error.description)
        }
    }

    /// `snd_strerror` as a Swift string.
    func message(_ status: Int32) -> String {
        strerror(status).map { String(cString: $0) } ?? "error \(status)"
    }

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        strerror = try library.function("snd_strerror")
        config_top = try library.function("snd_config_top")
        config_load = try library.function("snd_config_load")
        config_delete = try library.function("snd_config_delete")
        input_buffer_open = try library.function("snd_input_buffer_open")
        input_close = try library.function("snd_input_close")
        pcm_open = try library.function("snd_pcm_open")
        pcm_open_lconf = try library.function("snd_pcm_open_lconf")
        pcm_close = try library.function("snd_pcm_close")
        pcm_prepare = try library.function("snd_pcm_prepare")
        pcm_start = try library.function("snd_pcm_start")
        pcm_drop = try library.function("snd_pcm_drop")
        pcm_wait = try library.function("snd_pcm_wait")
        pcm_recover = try library.function("snd_pcm_recover")
        pcm_avail_update = try library.function("snd_pcm_avail_update")
        pcm_readi = try library.function("snd_pcm_readi")
        pcm_writei = try library.function("snd_pcm_writei")
        pcm_hw_params_malloc = try library.function("snd_pcm_hw_params_malloc")
        pcm_hw_params_free = try library.function("snd_pcm_hw_params_free")
        pcm_hw_params_any = try library.function("snd_pcm_hw_params_any")
        pcm_hw_params_set_access = try library.function("snd_pcm_hw_params_set_access")
        pcm_hw_params_set_format = try library.function("snd_pcm_hw_params_set_format")
        pcm_hw_params_set_channels = try library.function("snd_pcm_hw_params_set_channels")
        pcm_hw_params_set_rate = try library.function("snd_pcm_hw_params_set_rate")
        pcm_hw_params_set_period_size_near = try library.function("snd_pcm_hw_params_set_period_size_near")
        pcm_hw_params_set_buffer_size_near = try library.function("snd_pcm_hw_params_set_buffer_size_near")
        pcm_hw_params = try library.function("snd_pcm_hw_params")
        pcm_hw_params_get_rate = try library.function("snd_pcm_hw_params_get_rate")
        pcm_hw_params_get_period_size = try library.function("snd_pcm_hw_params_get_period_size")
        pcm_hw_params_get_buffer_size = try library.function("snd_pcm_hw_params_get_buffer_size")
        pcm_sw_params_malloc = try library.function("snd_pcm_sw_params_malloc")
        pcm_sw_params_free = try library.function("snd_pcm_sw_params_free")
        pcm_sw_params_current = try library.function("snd_pcm_sw_params_current")
        pcm_sw_params_set_avail_min = try library.function("snd_pcm_sw_params_set_avail_min")
        pcm_sw_params_set_start_threshold = try library.function("snd_pcm_sw_params_set_start_threshold")
        pcm_sw_params = try library.function("snd_pcm_sw_params")
        device_name_hint = try library.function("snd_device_name_hint")
        device_name_get_hint = try library.function("snd_device_name_get_hint")
        device_name_free_hint = try library.function("snd_device_name_free_hint")
        // alsa-lib's own stderr messages off, once: pipit reports ALSA errors itself.
        _ = pipit_alsa_silence_errors(try library.address("snd_lib_error_set_handler"))
    }
}
