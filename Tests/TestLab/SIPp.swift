import Foundation

/// SIPp running one scenario: a built-in one (`-sn uac`, `-sn uas`) or an XML file.
public final class SIPp: Sendable {
    /// What SIPp plays.
    public enum Scenario: Sendable {
        /// A scenario embedded in SIPp (`uac`, `uas`, …).
        case builtin(String)
        /// A scenario given as XML text, written to the lab directory.
        case xml(String)
        /// XML text and the SIPp options it needs to behave as written (e.g. `-nr`); the
        /// ready-made scenarios in `SIPp+ServerScenarios.swift` and
        /// `SIPp+ClientScenarios.swift` are of this kind.
        case xmlWithOptions(String, options: [String])
    }

    /// How a SIPp run ended: its exit status (0 when every call succeeded) and its files.
    public struct Result: Sendable {
        public let status: LabProcess.Status
        /// Every SIP message sent and received (`-trace_msg`).
        public let messages: String
        /// Unexpected messages and failures (`-trace_err`).
        public let errors: String
        /// The statistics CSV (`-trace_stat`).
        public let statistics: String
        /// The final statistics screen (`-trace_screen`).
        public let screen: String

        public var succeeded: Bool { status == .exited(0) }
    }

    public let process: LabProcess
    /// The SIP port SIPp listens and sends from (UDP).
    public let port: Int
    /// The local address: 127.0.0.1 or ::1.
    public let host: String
    let directory: URL

    init(process: LabProcess, port: Int, host: String, directory: URL) {
        self.process = process
        self.port = port
        self.host = host
        self.directory = directory
    }

    /// `127.0.0.1:PORT` or `[::1]:PORT`.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Waits for SIPp to finish its calls and returns how it went.
    public func result(timeout: Duration = .seconds(20)) async throws -> Result {
        let status = try await process.wait(timeout: timeout)
        return Result(status: status, messages: read("messages.log"), errors: read("errors.log"),
                      statistics: read("stat.csv"), screen: read("screen.log"))
    }

    private func read(_ file: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? ""
    }
}

extension Lab {
    /// Starts SIPp with `scenario` on a free port of `host` (127.0.0.1 or ::1), for `calls`
    /// calls, sending to `remote` (`host:port`, `[::1]:port`) if given; `arguments` are
    /// appended (e.g. `["-s", "bob"]`). A server scenario is ready when this returns.
    public func startSIPp(_ name: String = "sipp", scenario: SIPp.Scenario, host: String = "127.0.0.1",
                          remote: String? = nil, calls: Int = 1, arguments: [String] = []) async throws -> SIPp {
        try await retryingPortClash {
            try await startSIPpOnce(name, scenario: scenario, host: host, remote: remote, calls: calls, arguments: arguments)
        }
    }

    private func startSIPpOnce(_ name: String, scenario: SIPp.Scenario, host: String, remote: String?, calls: Int,
                               arguments: [String]) async throws -> SIPp {
        let dir = try makeDirectory(name)
        let port = try FreePort.udpAndTCP(ipv6: host.contains(":"))
        var scenarioArgs: [String]
        let file = dir.appendingPathComponent("scenario.xml")
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
        // SIP (-i/-p) and media echo (-mi/-mp: audio RTP/RTCP, video RTP/RTCP on the next
        // three ports, a block so parallel SIPps do not collide) on loopback; the control socket (-cp) only
        // listens, on its own free port so parallel SIPps do not share 8888.
        var args = scenarioArgs + [
            "-i", host, "-p", "\(port)", "-mi", host, "-mp", "\(try FreePort.udpBlock(4, host: host))",
            "-cp", "\(try FreePort.udp())", "-m", "\(calls)", "-nostdin", "-timeout", "30s", "-timeout_error",
            "-trace_msg", "-message_file", dir.appendingPathComponent("messages.log").path,
            "-trace_err", "-error_file", dir.appendingPathComponent("errors.log").path,
            "-trace_stat", "-stf", dir.appendingPathComponent("stat.csv").path,
            "-trace_screen", "-screen_file", dir.appendingPathComponent("screen.log").path,
        ] + arguments
        if let remote { args.append(remote) }
        let process = try spawn(name, .sipp, args, in: dir)
        let sipp = SIPp(process: process, port: port, host: host, directory: dir)
        if remote == nil {
            // A server is ready once its UDP socket is bound; SIPp has no TCP to probe.
            do {
                try await Poll.until("\(name) to bind \(sipp.address)", timeout: .seconds(10)) {
                    if let status = process.status { throw LabError.exited(name, status: status) }
                    return !FreePort.isUDPFree(port, host: host)
                }
            } catch {
                throw process.portClash(error)
            }
        }
        return sipp
    }
}
