#if canImport(Glibc)
import Glibc
#endif

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
