import CPulse

/// The libpulse functions pipit calls, resolved from `libpulse.so.0` when PulseAudio is
/// first used (a device starts, devices are listed, `backend = "auto"` probes) and kept
/// for the life of the process. Each field is the C function without its `pa_` prefix:
/// `pa.context_connect(…)` is `pa_context_connect(…)`, with the header's own signature.
final class PulseFunctions: @unchecked Sendable {  // immutable C function pointers
    let get_library_version: pa_get_library_version_fn
    let strerror: pa_strerror_fn
    let mainloop_new: pa_mainloop_new_fn
    let mainloop_free: pa_mainloop_free_fn
    let mainloop_get_api: pa_mainloop_get_api_fn
    let mainloop_prepare: pa_mainloop_prepare_fn
    let mainloop_poll: pa_mainloop_poll_fn
    let mainloop_dispatch: pa_mainloop_dispatch_fn
    let mainloop_iterate: pa_mainloop_iterate_fn
    let mainloop_wakeup: pa_mainloop_wakeup_fn
    let mainloop_set_poll_func: pa_mainloop_set_poll_func_fn
    let proplist_new: pa_proplist_new_fn
    let proplist_sets: pa_proplist_sets_fn
    let proplist_free: pa_proplist_free_fn
    let context_new_with_proplist: pa_context_new_with_proplist_fn
    let context_connect: pa_context_connect_fn
    let context_disconnect: pa_context_disconnect_fn
    let context_unref: pa_context_unref_fn
    let context_errno: pa_context_errno_fn
    let context_get_state: pa_context_get_state_fn
    let context_set_subscribe_callback: pa_context_set_subscribe_callback_fn
    let context_subscribe: pa_context_subscribe_fn
    let context_get_server_info: pa_context_get_server_info_fn
    let context_get_sink_info_list: pa_context_get_sink_info_list_fn
    let context_get_source_info_list: pa_context_get_source_info_list_fn
    let context_get_sink_info_by_index: pa_context_get_sink_info_by_index_fn
    let context_get_source_info_by_index: pa_context_get_source_info_by_index_fn
    let context_move_sink_input_by_name: pa_context_move_sink_input_by_name_fn
    let context_move_source_output_by_name: pa_context_move_source_output_by_name_fn
    let operation_get_state: pa_operation_get_state_fn
    let operation_cancel: pa_operation_cancel_fn
    let operation_unref: pa_operation_unref_fn
    let stream_new_with_proplist: pa_stream_new_with_proplist_fn
    let stream_unref: pa_stream_unref_fn
    let stream_get_state: pa_stream_get_state_fn
    let stream_get_index: pa_stream_get_index_fn
    let stream_get_device_name: pa_stream_get_device_name_fn
    let stream_connect_playback: pa_stream_connect_playback_fn
    let stream_connect_record: pa_stream_connect_record_fn
    let stream_disconnect: pa_stream_disconnect_fn
    let stream_set_state_callback: pa_stream_set_state_callback_fn
    let stream_set_moved_callback: pa_stream_set_moved_callback_fn
    let stream_set_read_callback: pa_stream_set_read_callback_fn
    let stream_set_write_callback: pa_stream_set_write_callback_fn
    let stream_set_overflow_callback: pa_stream_set_overflow_callback_fn
    let stream_set_underflow_callback: pa_stream_set_underflow_callback_fn
    let stream_peek: pa_stream_peek_fn
    let stream_drop: pa_stream_drop_fn
    let stream_begin_write: pa_stream_begin_write_fn
    let stream_write: pa_stream_write_fn
    let stream_writable_size: pa_stream_writable_size_fn
    let stream_update_timing_info: pa_stream_update_timing_info_fn
    let stream_get_timing_info: pa_stream_get_timing_info_fn

    /// Loaded once (Swift initialises a global once, thread-safely); a failure is kept and
    /// reported on every use.
    private static let loaded = Result { () throws(SharedLibraryError) in
        try PulseFunctions(SharedLibrary("libpulse.so.0", package: "libpulse0"))
    }

    /// The functions, or an `AudioError` for `device` saying which package to install.
    static func load(device: String, operation: String) throws(AudioError) -> PulseFunctions {
        do {
            return try loaded.get()
        } catch {
            throw AudioError(device: device, operation: operation, reason: error.description)
        }
    }

    /// `pa_strerror` as a Swift string.
    func message(_ error: Int32) -> String {
        strerror(error).map { String(cString: $0) } ?? "error \(error)"
    }

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        get_library_version = try library.function("pa_get_library_version")
        strerror = try library.function("pa_strerror")
        mainloop_new = try library.function("pa_mainloop_new")
        mainloop_free = try library.function("pa_mainloop_free")
        mainloop_get_api = try library.function("pa_mainloop_get_api")
        mainloop_prepare = try library.function("pa_mainloop_prepare")
        mainloop_poll = try library.function("pa_mainloop_poll")
        mainloop_dispatch = try library.function("pa_mainloop_dispatch")
        mainloop_iterate = try library.function("pa_mainloop_iterate")
        mainloop_wakeup = try library.function("pa_mainloop_wakeup")
        mainloop_set_poll_func = try library.function("pa_mainloop_set_poll_func")
        proplist_new = try library.function("pa_proplist_new")
        proplist_sets = try library.function("pa_proplist_sets")
        proplist_free = try library.function("pa_proplist_free")
        context_new_with_proplist = try library.function("pa_context_new_with_proplist")
        context_connect = try library.function("pa_context_connect")
        context_disconnect = try library.function("pa_context_disconnect")
        context_unref = try library.function("pa_context_unref")
        context_errno = try library.function("pa_context_errno")
        context_get_state = try library.function("pa_context_get_state")
        context_set_subscribe_callback = try library.function("pa_context_set_subscribe_callback")
        context_subscribe = try library.function("pa_context_subscribe")
        context_get_server_info = try library.function("pa_context_get_server_info")
        context_get_sink_info_list = try library.function("pa_context_get_sink_info_list")
        context_get_source_info_list = try library.function("pa_context_get_source_info_list")
        context_get_sink_info_by_index = try library.function("pa_context_get_sink_info_by_index")
        context_get_source_info_by_index = try library.function("pa_context_get_source_info_by_index")
        context_move_sink_input_by_name = try library.function("pa_context_move_sink_input_by_name")
        context_move_source_output_by_name = try library.function("pa_context_move_source_output_by_name")
        operation_get_state = try library.function("pa_operation_get_state")
        operation_cancel = try library.function("pa_operation_cancel")
        operation_unref = try library.function("pa_operation_unref")
        stream_new_with_proplist = try library.function("pa_stream_new_with_proplist")
        stream_unref = try library.function("pa_stream_unref")
        stream_get_state = try library.function("pa_stream_get_state")
        stream_get_index = try library.function("pa_stream_get_index")
        stream_get_device_name = try library.function("pa_stream_get_device_name")
        stream_connect_playback = try library.function("pa_stream_connect_playback")
        stream_connect_record = try library.function("pa_stream_connect_record")
        stream_disconnect = try library.function("pa_stream_disconnect")
        stream_set_state_callback = try library.function("pa_stream_set_state_callback")
        stream_set_moved_callback = try library.function("pa_stream_set_moved_callback")
        stream_set_read_callback = try library.function("pa_stream_set_read_callback")
        stream_set_write_callback = try library.function("pa_stream_set_write_callback")
        stream_set_overflow_callback = try library.function("pa_stream_set_overflow_callback")
        stream_set_underflow_callback = try library.function("pa_stream_set_underflow_callback")
        stream_peek = try library.function("pa_stream_peek")
        stream_drop = try library.function("pa_stream_drop")
        stream_begin_write = try library.function("pa_stream_begin_write")
        stream_write = try library.function("pa_stream_write")
        stream_writable_size = try library.function("pa_stream_writable_size")
        stream_update_timing_info = try library.function("pa_stream_update_timing_info")
        stream_get_timing_info = try library.function("pa_stream_get_timing_info")
    }
}
