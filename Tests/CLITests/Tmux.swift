import Foundation
import Glibc
import Testing

/// A private tmux server (its socket in the test's folder, no user configuration) running
/// one program in a detached session: keys go in with `send-keys`, the screen comes out
/// with `capture-pane`. Only this server is ever killed.
final class Tmux {
    let folder: URL
    private var socket: String { folder.appendingPathComponent("tmux.sock").path }
    private var configuration: String { folder.appendingPathComponent("tmux.conf").path }
    private let session = "pipit"

    init(folder: URL) {
        self.folder = folder
    }

    /// Starts `arguments` (the program first) in a `columns`×`rows` window, with `environment`.
    func start(_ arguments: [String], environment: [String: String], columns: Int = 80, rows: Int = 24) throws {
        // No status bar: the program gets the whole window.
        try "set -g status off\nset -g default-terminal screen-256color\n"
            .write(toFile: configuration, atomically: true, encoding: .utf8)
        var command = ["new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)"]
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) { command += ["-e", "\(name)=\(value)"] }
        try run(command + arguments)
    }

    /// Types `text` as it is (no key names).
    func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }

    /// Presses named keys: `Enter`, `Escape`, `Tab`, `C-c` …
    func press(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys) }

    /// The screen as text, one line a row.
    func screen() throws -> String { try run(["capture-pane", "-p", "-t", session]) }

    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Waits until the screen satisfies `predicate`; returns it, or fails with the last one.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(10), _ predicate: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = ""
        while clock.now < deadline {
            last = try screen()
            if predicate(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(what); the screen:\n\(last)")
        throw HeadlessError.timeout(what)
    }

    /// Ends this server (and what runs in it): politely, then by its process id.
    func kill() {
        let server = (try? run(["display-message", "-p", "#{pid}"])).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        do {
            try run(["kill-server"])
        } catch {
            if let server, server > 1 { Glibc.kill(server, SIGKILL) } // it did not answer
        }
    }

    /// Runs tmux and returns its standard output. Not through Foundation's `Process`: its
    /// child keeps a socket whose end-of-file tells Foundation the child is gone, and the tmux
    /// server, forked from the first client, would keep that socket open for good. Here
    /// tmux gets no descriptor but its output pipe and /dev/null.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let argv = ["tmux", "-u", "-S", socket, "-f", configuration] + arguments
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw TmuxError(command: "pipe", message: String(cString: strerror(errno))) }
        for end in pipe { _ = fcntl(end, F_SETFD, FD_CLOEXEC) } // other children must not hold it
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = Self.closeFrom?(&actions, 3)
        // The calling thread (a dispatch worker) blocks signals, and a spawned process
        // inherits the mask: the tmux server would then never see SIGCHLD or SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for signal in [SIGCHLD, SIGTERM, SIGHUP, SIGINT, SIGPIPE, SIGWINCH] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, &attributes, cArguments, environ)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else { throw TmuxError(command: arguments.joined(separator: " "), message: String(cString: strerror(spawned))) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(pipe[0], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            output.append(contentsOf: chunk[..<n])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            throw TmuxError(command: arguments.joined(separator: " "), message: "exit status \(status)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34), which Swift's Glibc module
    /// does not declare: no descriptor of the test process reaches tmux.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    struct TmuxError: Error, CustomStringConvertible {
        let command: String
        let message: String
        var description: String { "tmux \(command): \(message)" }
    }
}
