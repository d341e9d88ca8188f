import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The control socket: a Unix stream socket in `$XDG_RUNTIME_DIR/pipit/` (directory 0700,
/// socket 0600) that takes command lines from other processes of the same user.
///
/// Protocol: each line a client sends is one command; the answer is the text lines of the
/// events it caused (`EventFormatter.text`), then a line `.ok` or `.failed`. Clients of
/// another uid (SO_PEERCRED) are closed at once. Each client has a thread of its own, so a
/// client that waits (`wait call ended`) holds up no other, and the user agent never waits
/// on a client.
final class ControlServer: Sendable {
    /// Runs one line; the reply lines and whether it succeeded.
    typealias Handler = @Sendable (String) async -> (lines: [String], ok: Bool)

    static let maxClients = 32
    static let maxLineBytes = 4096

    let path: String
    private let fd: Int32
    private let handler: Handler
    private let clients = Atomic<Int>(0)
    /// Lines being run whose reply is not yet written.
    private let inFlight = Atomic<Int>(0)

    private init(path: String, fd: Int32, handler: @escaping Handler) {
        self.path = path
        self.fd = fd
        self.handler = handler
    }

    /// Creates the socket and starts accepting; fails (with the reason) when another pipit
    /// already serves it or the directory is not safe.
    static func start(handler: @escaping Handler) -> Result<ControlServer, SocketError> {
        let location: (directory: String, socket: String)
        switch ControlPath.current() {
        case .success(let found): location = found
        case .failure(let error): return .failure(error)
        }
        if let problem = prepareDirectory(location.directory) { return .failure(problem) }
        if let running = connectUnix(location.socket) {
            close(running)
            return .failure(SocketError("another pipit serves \(location.socket); this one does not"))
        }
        unlink(location.socket) // a stale socket from a pipit that did not exit cleanly
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(.system("control socket")) }
        var address = unixAddress(location.socket)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        // The directory is 0700, so the socket is private before chmod narrows it too.
        guard bound == 0, chmod(location.socket, 0o600) == 0, listen(fd, 16) == 0 else {
            let error = SocketError.system("control socket \(location.socket)")
            close(fd)
            return .failure(error)
        }
        let server = ControlServer(path: location.socket, fd: fd, handler: handler)
        startThread { server.acceptLoop() }
        return .success(server)
    }

    /// Removes the socket file (at exit), so `--send` finds no instance, and gives the
    /// replies being written (the `.ok` of a `quit` from a client) up to a second to go out.
    func stop() {
        unlink(path)
        shutdown(fd, Int32(SHUT_RDWR))
        for _ in 0..<100 where inFlight.load(ordering: .acquiring) > 0 { usleep(10_000) }
    }

    /// Makes `directory` (0700) or checks that the existing one is ours and private.
    private static func prepareDirectory(_ directory: String) -> SocketError? {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST { return .system("cannot create \(directory)") }
        var info = stat()
        guard lstat(directory, &info) == 0 else { return .system("cannot use \(directory)") }
        guard (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid() else {
            return SocketError("\(directory) is not a directory of this user: no control socket")
        }
        if info.st_mode & 0o777 != 0o700 && chmod(directory, 0o700) != 0 { return .system("cannot chmod \(directory)") }
        return nil
    }

    private func acceptLoop() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return // the socket was shut down
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC) // (accept4 is not in Swift's Glibc module)
            guard Self.peerIsUs(client) else {
                close(client)
                continue
            }
            guard clients.add(1, ordering: .relaxed).newValue <= Self.maxClients else {
                clients.subtract(1, ordering: .relaxed)
                close(client)
                continue
            }
            startThread { [self] in
                serve(client)
                close(client)
                clients.subtract(1, ordering: .relaxed)
            }
        }
    }

    /// Whether the peer runs as our uid.
    static func peerIsUs(_ fd: Int32) -> Bool {
        var credentials = PeerCredentials()
        var size = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &size) == 0,
              size == socklen_t(MemoryLayout<PeerCredentials>.size) else { return false }
        return credentials.uid == getuid()
    }

    /// Linux's `struct ucred`, which Swift's Glibc module leaves out (it needs _GNU_SOURCE).
    private struct PeerCredentials {
        var pid: pid_t = 0
        var uid: uid_t = 0
        var gid: gid_t = 0
    }

    private func serve(_ client: Int32) {
        var reader = SocketLineReader(fd: client, limit: Self.maxLineBytes)
        while let line = reader.next() {
            inFlight.add(1, ordering: .acquiringAndReleasing)
            defer { inFlight.subtract(1, ordering: .acquiringAndReleasing) }
            let reply = line.cut
                ? (lines: ["error: line too long: more than \(Self.maxLineBytes) bytes"], ok: false)
                : runBlocking(line.text)
            var text = reply.lines.joined(separator: "\n")
            if !text.isEmpty { text += "\n" }
            text += reply.ok ? ".ok\n" : ".failed\n"
            guard writeAll(client, Array(text.utf8)) else { return }
        }
    }

    /// Runs the async handler from this client's thread and waits for it.
    private func runBlocking(_ line: String) -> (lines: [String], ok: Bool) {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<(lines: [String], ok: Bool)>(([], false))
        let handler = self.handler
        Task {
            let reply = await handler(line)
            result.withLock { $0 = reply }
            done.signal()
        }
        done.wait()
        return result.withLock { $0 }
    }
}

/// Runs `body` on a new detached POSIX thread (blocking socket work off the async pool).
func startThread(_ body: @escaping @Sendable () -> Void) {
    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    var thread = pthread_t()
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    let started = pthread_create(&thread, nil, { raw in
        guard let raw else { return nil }
        Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
        return nil
    }, box)
    if started != 0 {
        Unmanaged<Box>.fromOpaque(box).release()
    } else {
        pthread_detach(thread)
    }
}
