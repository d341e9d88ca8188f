import CPulse

/// Following devices: the context's subscription to server, sink and source changes. Runs
/// on the mainloop thread.
extension PulseDevice {
    func subscribe(_ connection: PulseConnection) {
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        let pa = connection.pa
        connection.locked {
            pa.context_set_subscribe_callback(connection.context, { context, event, index, userdata in
                guard let context, let userdata else { return }
                Unmanaged<PulseDevice>.fromOpaque(userdata).takeUnretainedValue().changed(context, event, index)
            }, userdata)
            let mask = PA_SUBSCRIPTION_MASK_SERVER.rawValue | PA_SUBSCRIPTION_MASK_SINK.rawValue
                | PA_SUBSCRIPTION_MASK_SOURCE.rawValue
            if let operation = pa.context_subscribe(connection.context, pa_subscription_mask_t(rawValue: mask), nil, nil) {
                pa.operation_unref(operation)
            }
        }
    }

    private func changed(_ context: OpaquePointer, _ event: pa_subscription_event_type_t, _ index: UInt32) {
        // Set before the subscription and cleared only after the mainloop stopped.
        guard let pa = connection?.pa else { return }
        let facility = event.rawValue & PA_SUBSCRIPTION_EVENT_FACILITY_MASK.rawValue
        let type = event.rawValue & PA_SUBSCRIPTION_EVENT_TYPE_MASK.rawValue
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        var operation: OpaquePointer?
        switch (facility, type) {
        case (PA_SUBSCRIPTION_EVENT_SERVER.rawValue, _):
            // The default may have changed: look it up, then follow it.
            operation = pa.context_get_server_info(context, { _, info, userdata in
                guard let info, let userdata else { return }
                let device = Unmanaged<PulseDevice>.fromOpaque(userdata).takeUnretainedValue()
                device.defaultsAre(sink: info.pointee.default_sink_name.map { String(cString: $0) },
                                   source: info.pointee.default_source_name.map { String(cString: $0) })
            }, userdata)
        case (PA_SUBSCRIPTION_EVENT_SINK.rawValue, PA_SUBSCRIPTION_EVENT_NEW.rawValue):
            operation = pa.context_get_sink_info_by_index(context, index, { _, info, eol, userdata in
                guard eol == 0, let info, let userdata, let name = info.pointee.name else { return }
                Unmanaged<PulseDevice>.fromOpaque(userdata).takeUnretainedValue().appeared(String(cString: name), .playback)
            }, userdata)
        case (PA_SUBSCRIPTION_EVENT_SOURCE.rawValue, PA_SUBSCRIPTION_EVENT_NEW.rawValue):
            operation = pa.context_get_source_info_by_index(context, index, { _, info, eol, userdata in
                guard eol == 0, let info, let userdata, let name = info.pointee.name else { return }
                Unmanaged<PulseDevice>.fromOpaque(userdata).takeUnretainedValue().appeared(String(cString: name), .capture)
            }, userdata)
        default:
            break
        }
        if let operation { pa.operation_unref(operation) }
    }

    /// Under the lock: looks the default up, then moves `stream` to it.
    func moveToDefault(_ stream: PulseStream, _ connection: PulseConnection) {
        let userdata = Unmanaged.passUnretained(stream).toOpaque()
        let pa = connection.pa
        let operation = pa.context_get_server_info(connection.context, { _, info, userdata in
            guard let info, let userdata else { return }
            let stream = Unmanaged<PulseStream>.fromOpaque(userdata).takeUnretainedValue()
            let name = stream.direction == .playback ? info.pointee.default_sink_name : info.pointee.default_source_name
            guard let name, stream.running else { return }
            stream.move(to: String(cString: name))
        }, userdata)
        if let operation { pa.operation_unref(operation) }
    }

    private func defaultsAre(sink: String?, source: String?) {
        guard configuration.followDefault else { return }
        for stream in streams where stream.configuredDevice == nil && stream.running {
            if let name = stream.direction == .playback ? sink : source { stream.move(to: name) }
        }
    }

    /// A device appeared: if a stream was configured for it and fell back, go back to it.
    private func appeared(_ name: String, _ direction: AudioDirection) {
        for stream in streams where stream.direction == direction && stream.configuredDevice == name && stream.running {
            stream.move(to: name)
        }
    }
}
