import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One process the lab started: its PID, its log file (stdout and stderr together) and how
/// it ended.
///
/// The lab reaps its children itself (`waitpid` on this PID only), so until `stop()` or
/// `wait` has seen the exit, the PID cannot be reused by another process: signals sent here
/// always reach the process the lab started, never a stranger.
public final class LabProcess: @unchecked Sendable {
    /// How a process ended.
    public enum Status: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)

        public var description: String {
            switch self {
            case let .exited(code): "exit status \(code)"
            case let .signaled(signal): "killed by signal \(signal)"
            }
        }
    }

    /// A short name for logs, e.g. "kamailio" or "baresip-alice".
    public let name: String
    public let pid: pid_t
    /// Where the process's stdout and stderr go.
    public let logFile: URL
    /// The command line, for the log dump.
    public let commandLine: String

    private let lock = NSLock()
    private var endStatus: Status?

    /// Starts `executable` with `arguments` and the given environment (nil: inherit),
    /// in `directory`, stdin from /dev/null and output appended to `logFile`.
    init(name: String, executable: String, arguments: [String], environment: [String: String]?,
         directory: URL, logFile: URL) throws {
        self.name = name
        self.logFile = logFile
        self.commandLine = ([executable] + arguments).joined(separator: " ")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        guard Self.addChdir(&actions, directory.path) == 0 else { throw LabError.spawnFailed(name, errno: ENOSYS) }

        // Children start with every signal unblocked and at its default action: the test
        // runner's thread may block or ignore some (SIGINT), and exec would pass that on.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw LabError.spawnFailed(name, errno: rc) }
        pid = child
    }

    /// How the process ended, or nil while it runs. Reaps it if it has ended.
    public var status: Status? {
        lock.lock()
        defer { lock.unlock() }
        if endStatus == nil {
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { endStatus = Self.decode(raw) }
        }
        return endStatus
    }

    public var isRunning: Bool { status == nil }

    /// Sends `signal` to this process only, and only while it has not been reaped.
    public func send(_ signal: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if endStatus == nil { kill(pid, signal) }
    }

    /// Waits for the process to end by itself.
    @discardableResult
    public func wait(timeout: Duration) async throws -> Status {
        try await Poll.until("\(name) (pid \(pid)) to exit", timeout: timeout) { status != nil }
        return status ?? .exited(-1)
    }

    /// Ends the process: `signal` (SIGTERM by default), then after `grace` SIGKILL to its
    /// descendants and to it, then waits for it. Does nothing if it has already ended.
    /// Runs to the end even when the calling task is cancelled (a test that timed out).
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, grace: Duration = .seconds(3)) async -> Status {
        if let status { return status }
        send(signal)
        return await Task.detached { [self] in
            if let status = try? await wait(timeout: grace) { return status }
            killTree()
            while true {
                if let status { return status }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }.value
    }

    /// SIGKILL to the process while it is not reaped, then to every descendant it had.
    /// (The process goes first: a parent woken by its child's death could otherwise end
    /// on its own in between, and its status would not say it was killed.)
    private func killTree() {
        lock.lock()
        defer { lock.unlock() }
        guard endStatus == nil else { return }
        let descendants = Self.descendants(of: pid)
        kill(pid, SIGKILL)
        for descendant in descendants { kill(descendant, SIGKILL) }
    }

    /// Everything the process has written so far.
    public func log() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8))
            ?? String(decoding: (try? Data(contentsOf: logFile)) ?? Data(), as: UTF8.self)
    }

    /// Waits until the log contains `text`; fails early if the process ends first.
    public func waitForLog(_ text: String, timeout: Duration = .seconds(10)) async throws {
        try await Poll.until("'\(text)' in the log of \(name)", timeout: timeout) {
            if log().contains(text) { return true }
            if let status { throw LabError.exited(name, status: status) }
            return false
        }
    }

    /// Waits until the process is still running and accepts TCP connections on
    /// 127.0.0.1:`port`.
    public func waitForTCP(port: Int, timeout: Duration = .seconds(10)) async throws {
        try await Poll.until("\(name) to accept TCP on 127.0.0.1:\(port)", timeout: timeout) {
            if let status { throw LabError.exited(name, status: status) }
            return Poll.tcpConnects(port: port)
        }
    }

    /// Waits until the process is still running and something in `namespace` accepts TCP
    /// connections on `host:port` (a peer started with `spawn(…, namespace:)`).
    public func waitForTCP(host: String, port: Int, in namespace: NetworkNamespace,
                           timeout: Duration = .seconds(10)) async throws {
        try await Poll.until("\(name) to accept TCP on \(host):\(port) in \(namespace)", timeout: timeout) {
            if let status { throw LabError.exited(name, status: status) }
            return namespace.tcpConnects(host: host, port: port)
        }
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which the Glibc module does
    /// not export (it is behind _GNU_SOURCE); found at run time.
    private static let addChdir: AddChdir = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else {
            return { _, _ in ENOSYS }
        }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    private static func decode(_ raw: Int32) -> Status {
        let signal = raw & 0x7f
        return signal == 0 ? .exited((raw >> 8) & 0xff) : .signaled(signal)
    }
}
