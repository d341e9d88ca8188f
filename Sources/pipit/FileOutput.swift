#if canImport(Glibc)
import Glibc
#endif

/// Whole lines to a file descriptor, for messages that must not interleave.
enum FileOutput {
    static func standardError(_ line: String) { write(line, to: STDERR_FILENO) }

    /// One line, written whole (a line never interleaves with another thread's).
    static func write(_ line: String, to fd: Int32) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            offset += n
        }
    }
}
