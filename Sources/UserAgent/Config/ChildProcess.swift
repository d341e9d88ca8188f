#if canImport(Glibc)
import Glibc
#endif

/// Blocking: spawns `/bin/sh -c COMMAND`, collects its standard output up to a bound,
/// and waits for it, killing its whole process group at the deadline. Call it from a
/// thread that may block (a thread pool), never from the event loop.
enum ChildProcess {
    static func runShell(_ command: String, timeout: Duration, maxOutput: Int) -> Result<[UInt8], PasswordCommandError> {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return .failure(.couldNotStart(command: command, reason: ConfigFile.reason(errno))) }
        // Close-on-exec so other children never inherit them; dup2 clears it for the child's fd 1.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group (so a timeout kills what the shell started too), default signal
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
        let arguments = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environ)
        close(writeEnd)
        guard spawned == 0 else { return .failure(.couldNotStart(command: command, reason: ConfigFile.reason(spawned))) }

        func remainingMilliseconds() -> Int32 {
            let left = clock.now.duration(to: deadline)
            guard left > .zero else { return 0 }
            let ms = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
            return Int32(clamping: max(ms, 1))
        }
        func killGroup() -> Result<[UInt8], PasswordCommandError> {
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            return .failure(.timedOut(command: command, after: timeout))
        }

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        reading: while true {
            var poller = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, remainingMilliseconds())
            if ready < 0, errno == EINTR { continue }
            if ready <= 0 { return killGroup() }
            let n = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            switch n {
            case ..<0 where errno == EINTR: continue
            case ..<1: break reading
            default:
                let room = max(0, maxOutput - output.count)
                output.append(contentsOf: chunk[..<min(n, room)])
            }
        }

        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0, errno != EINTR { return .failure(.couldNotStart(command: command, reason: ConfigFile.reason(errno))) }
            if remainingMilliseconds() == 0 { return killGroup() }
            usleep(5_000)
        }
        // Decoded by hand: WIFEXITED and friends are macros Swift cannot import.
        let signal = status & 0x7F
        if signal != 0 { return .failure(.killedBySignal(command: command, signal: signal)) }
        let exitStatus = (status >> 8) & 0xFF
        if exitStatus != 0 { return .failure(.failed(command: command, status: exitStatus)) }
        return .success(output)
    }
}
