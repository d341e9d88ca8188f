import Foundation

extension Lab {
    /// Starts SIPp as a UDP server with `scenario` in a NAT lab's public namespace, on
    /// `host:port` there (an address of that namespace, e.g. its gateway, and a port
    /// Kamailio does not use). The namespace is fresh, so the ports are known free; SIPp
    /// is given 300 ms to bind (a UDP client's retransmissions cover a slow start).
    public func startSIPp(_ name: String = "sipp", scenario: SIPp.Scenario, in namespace: NetworkNamespace,
                          host: String, port: Int = 5070, mediaPort: Int = 6000) async throws -> SIPp {
        let dir = try makeDirectory(name)
        let file = dir.appendingPathComponent("scenario.xml")
        var scenarioArgs: [String]
        switch scenario {
        case let .builtin(builtin):
            scenarioArgs = ["-sn", builtin]
        case let .xml(text):
            try text.write(to: file, atomically: true, encoding: .utf8)
            scenarioArgs = ["-sf", file.path]
        case let .xmlWithOptions(text, options):
            try text.write(to: file, atomically: true, encoding: .utf8)
            scenarioArgs = ["-sf", file.path] + options
        }
        let args = scenarioArgs + [
            "-i", host, "-p", "\(port)", "-mi", host, "-mp", "\(mediaPort)", "-m", "1", "-nostdin",
            "-timeout", "30s", "-timeout_error",
            "-trace_msg", "-message_file", dir.appendingPathComponent("messages.log").path,
            "-trace_err", "-error_file", dir.appendingPathComponent("errors.log").path,
            "-trace_stat", "-stf", dir.appendingPathComponent("stat.csv").path,
            "-trace_screen", "-screen_file", dir.appendingPathComponent("screen.log").path,
        ]
        let process = try spawn(name, .sipp, args, in: dir, namespace: namespace)
        try await Task.sleep(for: .milliseconds(300))
        if let status = process.status { throw LabError.exited(name, status: status) }
        return SIPp(process: process, port: port, host: host, directory: dir)
    }
}
