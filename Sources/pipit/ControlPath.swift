#if canImport(Glibc)
import Glibc
#endif

/// Where the control socket lives: `$XDG_RUNTIME_DIR/pipit/control`. The runtime directory
/// is the user's own (mode 0700, per the XDG base directory spec); without it there is no
/// socket, since a shared place like /tmp would need more care than it is worth.
enum ControlPath {
    static let maxPathBytes = 107 // sun_path holds 108 bytes with the terminating NUL

    /// The directory and the socket's path, or why there is none.
    static func current() -> Result<(directory: String, socket: String), SocketError> {
        guard let raw = getenv("XDG_RUNTIME_DIR"), raw.pointee != 0 else {
            return .failure(SocketError("XDG_RUNTIME_DIR is not set: no control socket"))
        }
        let directory = String(cString: raw) + "/pipit"
        let socket = directory + "/control"
        guard socket.utf8.count <= maxPathBytes else {
            return .failure(SocketError("control socket path too long: \(socket)"))
        }
        return .success((directory, socket))
    }
}

/// A control socket problem, as the user reads it.
struct SocketError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }

    /// The message with the C library's text for `errno`.
    static func system(_ what: String) -> SocketError {
        SocketError("\(what): \(String(cString: strerror(errno)))")
    }
}

/// A Unix stream socket address for `path` (no longer than `ControlPath.maxPathBytes`).
func unixAddress(_ path: String) -> sockaddr_un {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        let bytes = Array(path.utf8.prefix(ControlPath.maxPathBytes))
        raw.copyBytes(from: bytes)
        raw[bytes.count] = 0
    }
    return address
}

/// `connect` to the Unix socket at `path`; the descriptor, or nil (errno set).
func connectUnix(_ path: String) -> Int32? {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { return nil }
    var address = unixAddress(path)
    let status = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
    guard status == 0 else {
        let saved = errno
        close(fd)
        errno = saved
        return nil
    }
    return fd
}

/// Writes all of `bytes` to `fd`; false when the peer is gone.
@discardableResult
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        offset += n
    }
    return true
}

/// Reads lines from a socket, each at most `limit` bytes (a longer one is cut).
struct SocketLineReader {
    let fd: Int32
    let limit: Int
    private var buffer: [UInt8] = []
    private var ended = false

    init(fd: Int32, limit: Int) {
        self.fd = fd
        self.limit = limit
    }

    /// The next line without its terminator; nil at end of input.
    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<min(newline, limit)], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return line
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return String(decoding: buffer.prefix(limit), as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                ended = true
                continue
            }
            // A line longer than the limit: keep its start, drop the rest up to the newline.
            if buffer.count > limit, !chunk[..<n].contains(0x0A) { continue }
            buffer += chunk[..<n]
        }
    }
}
