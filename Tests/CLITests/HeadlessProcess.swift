import Foundation
import TestLab
import Testing

/// A `pipit --headless` process driven line by line: commands in on stdin, events out
/// collected as they come.
final class HeadlessProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let lock = NSLock()
    private var collected: [String] = []
    private var partial = Data()
    private var stderrText = ""

    /// Starts pipit with `arguments` in `home` (XDG_CONFIG_HOME, XDG_DATA_HOME and HOME
    /// all point inside it, so no real user file is touched).
    /// In `namespace` (the NAT lab's), pipit runs under `ip netns exec`, which execs it:
    /// the process is still pipit's own.
    init(_ arguments: [String], home: URL, environment extra: [String: String] = [:], namespace: NetworkNamespace? = nil) throws {
        if let namespace {
            let (executable, wrapped) = try namespace.command(PipitBinary.url.path, arguments)
            process.executableURL = executable
            process.arguments = wrapped
        } else {
            process.executableURL = PipitBinary.url
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        environment["XDG_DATA_HOME"] = home.appendingPathComponent("data").path
        // Each test's pipit has a control socket of its own (unless the test shares one).
        if extra["XDG_RUNTIME_DIR"] == nil { environment["XDG_RUNTIME_DIR"] = home.path }
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.append(data)
        }
        error.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            guard let self else { return }
            self.lock.withLock { self.stderrText += text }
        }
        try process.run()
    }

    private func append(_ data: Data) {
        lock.withLock {
            partial.append(data)
            while let newline = partial.firstIndex(of: 0x0A) {
                collected.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
                partial = Data(partial[partial.index(after: newline)...])
            }
        }
    }

    var lines: [String] { lock.withLock { collected } }
    var standardError: String { lock.withLock { stderrText } }

    func send(_ line: String) {
        // A process that already ended must fail the test by its output, not crash it.
        try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Waits for a line matching `predicate` (among all lines so far); fails on timeout.
    @discardableResult
    func waitForLine(_ what: String, timeout: Duration = .seconds(10), _ predicate: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let line = lines.first(where: predicate) { return line }
            if !process.isRunning, let line = lines.first(where: predicate) { return line }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what); output so far:\n\(lines.suffix(20).joined(separator: "\n"))\nstderr: \(standardError)")
        throw HeadlessError.timeout(what)
    }

    /// Waits for the process to exit (at most `timeout`) and returns its status.
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning {
            guard clock.now < deadline else {
                process.terminate()
                throw HeadlessError.timeout("exit")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    func kill(_ signal: Int32) { Foundation.kill(process.processIdentifier, signal) }

    /// The port of the first listener, from the `listening on udp:127.0.0.1:PORT` line.
    func listeningPort() async throws -> Int {
        let line = try await waitForLine("listening line") { $0.contains("listening on") }
        guard let range = line.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = Int(line[range].split(separator: ":").last ?? "") else {
            throw HeadlessError.timeout("a port in \(line)")
        }
        return port
    }

    deinit { if process.isRunning { process.terminate() } }
}

enum HeadlessError: Error { case timeout(String) }

/// A temporary home with a pipit config file in it.
struct TestHome {
    let url: URL

    init(config: String, mode: Int = 0o600) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-cli-\(UUID().uuidString)")
        let dir = url.appendingPathComponent("config/pipit")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("config.toml")
        try config.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
    }

    var configFile: String { url.appendingPathComponent("config/pipit/config.toml").path }
    var database: String { url.appendingPathComponent("data/pipit/pipit.sqlite3").path }

    /// A local account on an ephemeral loopback UDP port.
    static func local(_ user: String, extra: String = "") throws -> TestHome {
        try TestHome(config: """
            [general]
            log_level = "info"
            \(extra)
            [network]
            listen = ["udp:127.0.0.1:0"]
            [[account]]
            name = "\(user)"
            uri = "sip:\(user)@127.0.0.1"
            register = false
            codecs = ["pcmu"]
            """)
    }
}
