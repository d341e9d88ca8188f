import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// baresip as a SIP peer: its own config directory, one account, audio from a WAV file,
/// received audio recorded to WAV files, controlled over ctrl_tcp.
public final class Baresip: Sendable {
    public let process: LabProcess
    public let configuration: Configuration
    /// The port baresip listens on for SIP (UDP and TCP; it also takes port + 1 for TLS).
    public let sipPort: Int
    /// Where `sndfile` writes `dump-…-enc.wav` (sent) and `dump-…-dec.wav` (received).
    public let recordings: URL
    private let control: BaresipControl

    init(process: LabProcess, configuration: Configuration, sipPort: Int, recordings: URL, control: BaresipControl) {
        self.process = process
        self.configuration = configuration
        self.sipPort = sipPort
        self.recordings = recordings
        self.control = control
    }

    /// Calls `uri`.
    public func dial(_ uri: String) async throws {
        _ = try await command("dial", uri)
    }

    /// Ends the current call.
    public func hangup() async throws {
        _ = try await command("hangup")
    }

    /// Answers the ringing call.
    public func answer() async throws {
        _ = try await command("accept")
    }

    /// Runs a baresip command (as on its console) and returns its output.
    public func command(_ name: String, _ params: String = "", timeout: Duration = .seconds(5)) async throws -> String {
        try await control.command(name, params, timeout: timeout)
    }

    /// Waits for the next event of `type` (e.g. `CALL_ESTABLISHED`, `CALL_CLOSED`,
    /// `REGISTER_OK`) not yet returned by an earlier wait, and returns it.
    @discardableResult
    public func waitForEvent(_ type: String, timeout: Duration = .seconds(10)) async throws -> BaresipMessage {
        try await control.next("baresip \(configuration.user): event \(type)", timeout: timeout) {
            $0.event == true && $0.type == type
        }
    }

    /// Every event and response received so far.
    public func messages() throws -> [BaresipMessage] {
        try control.messages()
    }

    /// Waits until the registrar answered the account's REGISTER with 200 OK.
    /// (Registration starts with the process, before ctrl_tcp is connected, so this reads
    /// the log rather than waiting for REGISTER_OK.)
    public func waitForRegistration(timeout: Duration = .seconds(10)) async throws {
        // baresip logs e.g. "alice@127.0.0.1: {0/UDP/v4} 200 OK (kamailio …) [1 binding]".
        try await Poll.until("baresip \(configuration.user) to register", timeout: timeout) {
            if let status = process.status { throw LabError.exited(process.name, status: status) }
            return process.log().split(separator: "\n").contains {
                $0.hasPrefix("\(configuration.user)@") && $0.contains("} 200 OK")
            }
        }
    }

    /// The audio received in the most recent call (the decoder side of `sndfile`).
    /// Read it after CALL_CLOSED so the file is complete.
    public func receivedAudio() throws -> WAV { try latestRecording(suffix: "-dec.wav") }

    /// The audio sent in the most recent call.
    public func sentAudio() throws -> WAV { try latestRecording(suffix: "-enc.wav") }

    /// Waits until the current call's received-audio recording holds `seconds` of audio:
    /// the way to let a call run long enough without a fixed sleep.
    public func waitForReceivedAudio(seconds: Double, timeout: Duration = .seconds(15)) async throws {
        try await Poll.until("baresip \(configuration.user) to receive \(seconds) s of audio", timeout: timeout,
                             interval: .milliseconds(100)) {
            if let status = process.status { throw LabError.exited(process.name, status: status) }
            return ((try? receivedAudio())?.duration ?? 0) >= seconds
        }
    }

    private func latestRecording(suffix: String) throws -> WAV {
        let files = try FileManager.default.contentsOfDirectory(at: recordings, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(suffix) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard let last = files.last else { throw LabError.unexpected("baresip \(configuration.user): no \(suffix) recording") }
        return try WAV(contentsOf: last)
    }
}

extension Lab {
    /// Starts baresip for one account and waits until its control socket answers.
    /// It registers by itself; use `waitForRegistration()` to wait for the 200 OK.
    public func startBaresip(_ config: Baresip.Configuration) async throws -> Baresip {
        try await retryingPortClash { try await startBaresipOnce(config) }
    }

    private func startBaresipOnce(_ config: Baresip.Configuration) async throws -> Baresip {
        let dir = try makeDirectory("baresip-\(config.user)")
        let recordings = dir.appendingPathComponent("recordings", isDirectory: true)
        try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
        let source = dir.appendingPathComponent("source.wav")
        try (config.audioSource ?? Tone.silence(seconds: 30)).write(to: source)
        let namespace = config.namespace
        // In a lab namespace the ports are looked up there (SIP/TLS takes the SIP port + 1).
        let sipPort = try namespace.map { try $0.freePort(host: config.host) } ?? FreePort.udpAndTCP(tcpFollowers: 1)
        let controlPort = try namespace.map { try $0.freePort(SOCK_STREAM, host: "127.0.0.1") } ?? FreePort.tcp()
        try Baresip.configFile(sipPort: sipPort, controlPort: controlPort, source: source, recordings: recordings,
                               host: config.host, ice: config.ice)
            .write(to: dir.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try Baresip.accountsFile(config).write(to: dir.appendingPathComponent("accounts"), atomically: true, encoding: .utf8)
        try config.contacts.map { "<\($0)>\n" }.joined()
            .write(to: dir.appendingPathComponent("contacts"), atomically: true, encoding: .utf8)
        let process = try spawn("baresip-\(config.user)", .baresip, ["-f", dir.path, "-v"], in: dir, namespace: namespace)
        do {
            if let namespace {
                try await process.waitForTCP(host: "127.0.0.1", port: controlPort, in: namespace)
            } else {
                try await process.waitForTCP(port: controlPort)
            }
        } catch {
            throw process.portClash(error)
        }
        let control = try BaresipControl(port: controlPort, namespace: namespace)
        return Baresip(process: process, configuration: config, sipPort: sipPort, recordings: recordings, control: control)
    }
}
