import Foundation

/// The interop test lab: real peers on loopback, each in its own directory under one
/// temporary directory, stopped by PID when the test ends however it ends.
///
/// ```swift
/// try await Lab.run { lab in
///     let kamailio = try await lab.startKamailio(users: ["alice": "pw"])
///     …
/// }
/// ```
/// When the body throws (a `try #require` that failed, a timeout), the log of every process
/// the lab started is printed before the error is rethrown, and the directory is kept. Use
/// `try #require` for the checks that matter: a failed `#expect` does not throw, so the lab
/// cannot see it. Set `PIPIT_LAB_LOGS=1` to print the logs and keep the directory always.
public final class Lab: @unchecked Sendable {
    /// The temporary directory that holds every peer's directory.
    public let directory: URL

    private let lock = NSLock()
    private var processes: [LabProcess] = []
    private var directoryNames: Set<String> = []
    private var processNames: Set<String> = []
    private var teardowns: [@Sendable () -> Void] = []

    private init(directory: URL) {
        self.directory = directory
    }

    /// Runs `body` with a fresh lab, then stops every process it started (last started,
    /// first stopped) and removes its directory. On error, dumps the logs first and keeps
    /// the directory for inspection.
    public static func run<T>(_ body: (Lab) async throws -> T) async throws -> T {
        // Unix socket paths (PulseAudio's) must stay under 108 bytes: a deep TMPDIR is passed over.
        let temporary = FileManager.default.temporaryDirectory
        let root = temporary.path.utf8.count <= 40 ? temporary : URL(fileURLWithPath: "/tmp")
        let base = root.appendingPathComponent("pipit-lab-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let lab = Lab(directory: base)
        do {
            let result = try await body(lab)
            await lab.stopAll()
            lab.runTeardowns()
            if ProcessInfo.processInfo.environment["PIPIT_LAB_LOGS"] != nil {
                lab.dumpLogs(reason: "PIPIT_LAB_LOGS is set; directory kept")
            } else {
                try? FileManager.default.removeItem(at: base)
            }
            return result
        } catch {
            await lab.stopAll()
            lab.runTeardowns()
            // Swift Testing's failed-#require error describes itself at length; the test
            // report already says where it failed.
            let reason = "\(error)"
            lab.dumpLogs(reason: reason.count > 200 ? reason.prefix(200) + "…" : reason)
            throw error
        }
    }

    /// A new directory for a peer, named after it (`alice`, `alice-2`, …).
    public func makeDirectory(_ name: String) throws -> URL {
        let unique = uniqueName(name, among: \.directoryNames)
        let dir = directory.appendingPathComponent(unique, isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Starts a process the lab will stop at the end. Its output goes to `NAME.log` in
    /// `directory` (the lab's directory when nil). With `namespace` it runs in that network
    /// namespace (`ip netns exec NAME …`, which execs: the PID is still the program's).
    public func spawn(_ name: String, _ tool: Tool, _ arguments: [String], environment: [String: String]? = nil,
                      in directory: URL? = nil, namespace: NetworkNamespace? = nil) throws -> LabProcess {
        var executable = try tool.path()
        var arguments = arguments
        if let namespace {
            arguments = ["netns", "exec", namespace.name, executable] + arguments
            executable = try Tool.ip.path()
        }
        let unique = uniqueName(name, among: \.processNames)
        let dir = directory ?? self.directory
        let process = try LabProcess(name: unique, executable: executable, arguments: arguments,
                                     environment: environment, directory: dir,
                                     logFile: dir.appendingPathComponent("\(unique).log"))
        lock.lock()
        processes.append(process)
        lock.unlock()
        return process
    }

    /// Runs a short-lived command to its end (killing it after `timeout`) and returns how it
    /// ended and what it printed.
    public func execute(_ name: String, _ tool: Tool, _ arguments: [String], environment: [String: String]? = nil,
                        timeout: Duration = .seconds(20),
                        namespace: NetworkNamespace? = nil) async throws -> (status: LabProcess.Status, output: String) {
        let process = try spawn(name, tool, arguments, environment: environment, namespace: namespace)
        do {
            let status = try await process.wait(timeout: timeout)
            return (status, process.log())
        } catch {
            await process.stop(signal: SIGKILL)
            throw error
        }
    }

    /// Every process started so far, in start order.
    public var startedProcesses: [LabProcess] {
        lock.lock()
        defer { lock.unlock() }
        return processes
    }

    /// Stops every process still running, last started first.
    func stopAll() async {
        for process in startedProcesses.reversed() {
            await process.stop()
        }
    }

    /// Registers `action` to run when the lab ends, after every process has stopped (last
    /// registered, first run): how network namespaces get deleted however the test ends.
    public func addTeardown(_ action: @escaping @Sendable () -> Void) {
        lock.lock()
        teardowns.append(action)
        lock.unlock()
    }

    private func runTeardowns() {
        lock.lock()
        let actions = teardowns
        teardowns.removeAll()
        lock.unlock()
        for action in actions.reversed() { action() }
    }

    /// Prints each process's command line, how it ended and its log to stderr.
    public func dumpLogs(reason: String) {
        var text = "\n===== pipit lab (\(directory.path)): \(reason) =====\n"
        for process in startedProcesses {
            let state = process.status.map { "\($0)" } ?? "running"
            text += "----- \(process.name) (pid \(process.pid), \(state)): \(process.commandLine)\n"
            text += process.log()
            if !text.hasSuffix("\n") { text += "\n" }
        }
        text += "===== end of lab logs =====\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func uniqueName(_ name: String, among names: ReferenceWritableKeyPath<Lab, Set<String>>) -> String {
        lock.lock()
        defer { lock.unlock() }
        var candidate = name
        var n = 2
        while self[keyPath: names].contains(candidate) {
            candidate = "\(name)-\(n)"
            n += 1
        }
        self[keyPath: names].insert(candidate)
        return candidate
    }
}
