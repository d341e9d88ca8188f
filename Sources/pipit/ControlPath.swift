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
