import CPulse

/// Where a PulseAudio stream goes when devices come and go. All of it runs on the mainloop
/// thread (callbacks) and is rare, so it may allocate (names, events).
///
/// - The server moved the stream (the user moved it, its device was unplugged and the
///   server rescued it, or pipit moved it after a default change): `arrived(at:)`.
/// - The server killed the stream (its device vanished and nothing rescued it): a new
///   stream is connected to the default device and `deviceLost` is reported once it runs.
extension PulseStream {
    func stateChanged(_ changed: OpaquePointer) {
        guard changed == stream else { return }
        switch pa.stream_get_state(changed) {
        case PA_STREAM_READY:
            let name = pa.stream_get_device_name(changed).map { String(cString: $0) } ?? ""
            currentDevice = name
            // A stream that had to be reconnected, or whose configured device was not there
            // (the server then picks its default), runs on a fallback: say so.
            if let lost = lostDevice ?? configuredDevice.flatMap({ $0 == name ? nil : $0 }) {
                lostDevice = nil
                events.emit(.deviceLost(direction, device: lost, fallback: name))
            }
        case PA_STREAM_FAILED, PA_STREAM_TERMINATED:
            guard running else { return }
            reconnectToDefault()
        default:
            break
        }
    }

    func moved(_ moved: OpaquePointer) {
        guard moved == stream, let name = pa.stream_get_device_name(moved) else { return }
        arrived(at: String(cString: name))
    }

    /// The stream now plays to (or records from) `name`: say what that means to the user.
    func arrived(at name: String) {
        guard name != currentDevice else { return }
        currentDevice = name
        if let configured = configuredDevice {
            if name != configured {
                events.emit(.deviceLost(direction, device: configured, fallback: name))
            } else if switching {
                events.emit(.switched(direction, device: name))
            } else {
                events.emit(.deviceBack(direction, device: name))
            }
        } else {
            events.emit(switching ? .switched(direction, device: name) : .followingDefault(direction, device: name))
        }
        switching = false
    }

    /// Moves the running stream to `name` (the default that changed, or the configured
    /// device that came back).
    func move(to name: String) {
        guard let stream, pa.stream_get_state(stream) == PA_STREAM_READY, name != currentDevice else {
            switching = false
            return
        }
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        let callback: pa_context_success_cb_t = { _, success, userdata in
            guard let userdata else { return }
            let owner = Unmanaged<PulseStream>.fromOpaque(userdata).takeUnretainedValue()
            guard success != 0 else {
                owner.switching = false
                return
            }
            guard let stream = owner.stream, let name = owner.pa.stream_get_device_name(stream) else { return }
            owner.arrived(at: String(cString: name))
        }
        let index = pa.stream_get_index(stream)
        let operation = switch direction {
        case .capture: pa.context_move_source_output_by_name(connection.context, index, name, callback, userdata)
        case .playback: pa.context_move_sink_input_by_name(connection.context, index, name, callback, userdata)
        }
        if let operation { pa.operation_unref(operation) }
    }

    /// The stream died under us: start a fresh one on the default device (a few tries, so a
    /// server with no device at all cannot make us spin).
    private func reconnectToDefault() {
        let lost = currentDevice.isEmpty ? (configuredDevice ?? "default") : currentDevice
        release()
        reconnects += 1
        guard reconnects <= 5 else {
            running = false
            events.emit(.failed(direction, AudioError(device: lost, operation: "reconnect", reason: "gave up after 5 tries")))
            return
        }
        lostDevice = lost
        do {
            try connect(device: nil)
        } catch {
            running = false
            events.emit(.failed(direction, error))
        }
    }
}
