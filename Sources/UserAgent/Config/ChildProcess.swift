#if canImport(Glibc)
import Glibc
#endif

/// Blocking: spawns a program with standard input on /dev/null, collects its standard
/// output and error up to a bound each, and waits for it; at the deadline its whole process
/// group gets SIGTERM, then SIGKILL a moment later. Call it from a thread that may block
/// (a thread pool), never from the event loop. Used by `password_command` and `[hooks]`.
enum ChildProcess {
    /// How the child ended, and what it printed (each stream cut at its bound).
    struct Outcome: Sendable, Equatable {
        enum Ending: Sendable, Equatable {
            case exited(Int32)
            case signalled(Int32)
            /// Still running at the deadline; its process group was stopped.
            case timedOut
            /// posix_spawn or a pipe failed (`reason` is strerror's text).
            case couldNotStart(String)
        }
        var ending: Ending
        var output: [UInt8] = []
        var errorOutput: [UInt8] = []
    }

    /// How long a child may take to go after SIGTERM before it gets SIGKILL.
    static let termGrace: Duration = .milliseconds(300)

    /// `/bin/sh -c COMMAND` for `password_command`, its standard error dropped.
    static func runShell(_ command: String, timeout: Duration, maxOutput: Int) -> Result<[UInt8], PasswordCommandError> {
        let outcome = run(["/bin/sh", "-c", command], environment: nil, timeout: timeout, maxOutput: maxOutput, maxErrorOutput: 0)
        switch outcome.ending {
        case .exited(0): return .success(outcome.output)
        case .exited(let status): return .failure(.failed(command: command, status: status))
        case .signalled(let signal): return .failure(.killedBySignal(command: command, signal: signal))
        case .timedOut: return .failure(.timedOut(command: command, after: timeout))
        case .couldNotStart(let reason): return .failure(.couldNotStart(command: command, reason: reason))
        }
    }

    /// Runs `arguments[0]` (looked up in PATH when it has no slash) with `arguments`.
    /// `environment`: `NAME=value` strings, nil for pipit's own.
    static func run(_ arguments: [String], environment: [String]?, timeout: Duration,
                    maxOutput: Int, maxErrorOutput: Int) -> Outcome {
        guard let program = arguments.first else { return Outcome(ending: .couldNotStart("no program")) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        guard let out = Pipe(), let err = Pipe() else { return Outcome(ending: .couldNotStart(ConfigFile.reason(errno))) }
        defer { out.closeBoth(); err.closeBoth() }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        if maxErrorOutput > 0 {
            posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group (so a timeout stops what it started too), default signal
        // handling (the parent may ignore SIGPIPE), nothing blocked.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var pid: pid_t = 0
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var envp: [UnsafeMutablePointer<CChar>?] = (environment ?? []).map { strdup($0) } + [nil]
        defer { for p in envp { free(p) } }
        var spawned: Int32 = 0
        // ETXTBSY: the program was just written and another thread's fork still holds it
        // open for writing, until that child's exec; it passes in moments.
        for attempt in 0..<5 {
            if attempt > 0 { usleep(20_000) }
            spawned = envp.withUnsafeMutableBufferPointer { env in
                let environmentPointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environment == nil ? environ : env.baseAddress
                return program.contains("/")
                    ? posix_spawn(&pid, program, &actions, &attributes, &argv, environmentPointer)
                    : posix_spawnp(&pid, program, &actions, &attributes, &argv, environmentPointer)
            }
            if spawned != ETXTBSY { break }
        }
        out.closeWrite()
        err.closeWrite()
        guard spawned == 0 else { return Outcome(ending: .couldNotStart(ConfigFile.reason(spawned))) }

        func remainingMilliseconds() -> Int32 {
            let left = clock.now.duration(to: deadline)
            guard left > .zero else { return 0 }
            let ms = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
            return Int32(clamping: max(ms, 1))
        }
        var outcome = Outcome(ending: .timedOut)
        func stop() -> Outcome {
            kill(-pid, SIGTERM)
            let grace = clock.now.advanced(by: termGrace)
            var status: Int32 = 0
            while waitpid(pid, &status, WNOHANG) == 0, clock.now < grace { usleep(5_000) }
            kill(-pid, SIGKILL)   // whatever of the group is left
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            outcome.ending = .timedOut
            return outcome
        }

        // Read both pipes until both close (the child and whatever it started are done
        // with them) or the deadline.
        var reading = maxErrorOutput > 0 ? [out.read, err.read] : [out.read]
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !reading.isEmpty {
            var pollers = reading.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&pollers, nfds_t(pollers.count), remainingMilliseconds())
            if ready < 0, errno == EINTR { continue }
            if ready <= 0 { return stop() }
            for poller in pollers where poller.revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(poller.fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else {
                    reading.removeAll { $0 == poller.fd }
                    continue
                }
                // Past the bound the rest is read and dropped, so the child never blocks on a full pipe.
                if poller.fd == out.read {
                    outcome.output.append(contentsOf: chunk[..<min(n, max(0, maxOutput - outcome.output.count))])
                } else {
                    outcome.errorOutput.append(contentsOf: chunk[..<min(n, max(0, maxErrorOutput - outcome.errorOutput.count))])
                }
            }
        }

        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0, errno != EINTR { outcome.ending = .couldNotStart(ConfigFile.reason(errno)); return outcome }
            if remainingMilliseconds() == 0 { return stop() }
            usleep(5_000)
        }
        // Decoded by hand: WIFEXITED and friends are macros Swift cannot import.
        let signal = status & 0x7F
        outcome.ending = signal != 0 ? .signalled(signal) : .exited((status >> 8) & 0xFF)
        return outcome
    }
}

/// A pipe with both ends close-on-exec (so other children never inherit them; dup2 clears
/// it for the child's own descriptors).
private final class Pipe {
    private(set) var read: Int32
    private(set) var write: Int32

    init?() {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        (read, write) = (fds[0], fds[1])
    }

    func closeWrite() {
        if write >= 0 { close(write) }
        write = -1
    }

    func closeBoth() {
        closeWrite()
        if read >= 0 { close(read) }
        read = -1
    }
}
