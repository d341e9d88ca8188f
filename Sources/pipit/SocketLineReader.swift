#if canImport(Glibc)
import Glibc
#endif

/// Reads lines from a socket. Memory is bounded: of a line longer than `limit` bytes only
/// the start is kept, and the line comes back marked as cut (to be refused, not run: a cut
/// command line could mean something else).
struct SocketLineReader {
    let fd: Int32
    let limit: Int
    private var buffer: [UInt8] = []
    /// The line being read is already longer than `limit`.
    private var overlong = false
    private var ended = false

    init(fd: Int32, limit: Int) {
        self.fd = fd
        self.limit = limit
    }

    /// The next line without its terminator, and whether it was cut; nil at end of input.
    mutating func next() -> (text: String, cut: Bool)? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let cut = overlong || newline > limit
                let line = String(decoding: buffer[..<min(newline, limit)], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                overlong = false
                return (line, cut)
            }
            if ended {
                guard !buffer.isEmpty || overlong else { return nil }
                defer { buffer = []; overlong = false }
                return (String(decoding: buffer.prefix(limit), as: UTF8.self), overlong || buffer.count > limit)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                ended = true
                continue
            }
            buffer += chunk[..<n]
            // No newline yet and too long: keep the start only, until the newline comes.
            if buffer.count > limit, !buffer.contains(0x0A) {
                buffer.removeLast(buffer.count - limit)
                overlong = true
            }
        }
    }
}
