import CPulse

/// Sinks and sources of a PulseAudio server, with its defaults.
public enum PulseDeviceList {
    /// Every sink (playback) and source (capture) of `server` (nil: the default server).
    /// Monitor sources are listed too: they record what a sink plays.
    public static func list(server: String? = nil) throws(AudioError) -> [AudioDeviceInfo] {
        let connection = try PulseConnection(server: server)
        defer { connection.close() }
        return try list(on: connection)
    }

    /// The default sink and source names.
    static func defaults(on connection: PulseConnection) throws(AudioError) -> (sink: String, source: String) {
        let box = Collector()
        let userdata = Unmanaged.passUnretained(box).toOpaque()
        let operation = connection.locked {
            connection.pa.context_get_server_info(connection.context, { _, info, userdata in
                guard let info, let userdata else { return }
                let box = Unmanaged<Collector>.fromOpaque(userdata).takeUnretainedValue()
                box.defaultSink = info.pointee.default_sink_name.map { String(cString: $0) } ?? ""
                box.defaultSource = info.pointee.default_source_name.map { String(cString: $0) } ?? ""
            }, userdata)
        }
        guard connection.finish(operation) else {
            throw AudioError(device: connection.label, operation: "list", reason: "server info did not arrive")
        }
        return (box.defaultSink, box.defaultSource)
    }

    static func list(on connection: PulseConnection) throws(AudioError) -> [AudioDeviceInfo] {
        let defaults = try defaults(on: connection)
        let box = Collector()
        let userdata = Unmanaged.passUnretained(box).toOpaque()
        let sinks = connection.locked {
            connection.pa.context_get_sink_info_list(connection.context, { _, info, eol, userdata in
                guard eol == 0, let info, let userdata else { return }
                let box = Unmanaged<Collector>.fromOpaque(userdata).takeUnretainedValue()
                box.add(name: info.pointee.name, description: info.pointee.description, direction: .playback)
            }, userdata)
        }
        let sources = connection.locked {
            connection.pa.context_get_source_info_list(connection.context, { _, info, eol, userdata in
                guard eol == 0, let info, let userdata else { return }
                let box = Unmanaged<Collector>.fromOpaque(userdata).takeUnretainedValue()
                box.add(name: info.pointee.name, description: info.pointee.description, direction: .capture)
            }, userdata)
        }
        guard connection.finish(sinks), connection.finish(sources) else {
            throw AudioError(device: connection.label, operation: "list", reason: "device lists did not arrive")
        }
        return box.devices.map { device in
            var device = device
            device.isDefault = device.name == (device.direction == .playback ? defaults.sink : defaults.source)
            return device
        }
    }

    /// Filled by callbacks on the mainloop thread; read after the operation finished.
    private final class Collector: @unchecked Sendable {
        var devices: [AudioDeviceInfo] = []
        var defaultSink = ""
        var defaultSource = ""

        func add(name: UnsafePointer<CChar>?, description: UnsafePointer<CChar>?, direction: AudioDirection) {
            guard let name else { return }
            devices.append(AudioDeviceInfo(name: String(cString: name), description: description.map { String(cString: $0) } ?? "",
                                           direction: direction, isDefault: false))
        }
    }
}
