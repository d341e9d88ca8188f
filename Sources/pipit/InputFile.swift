#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole file (or standard input for "-") as bytes, with a bound: these are
/// diagnostics for single messages, not a way to slurp a disk.
enum InputFile {
    static let maxSize = 16 << 20

    /// `read`, or nil after saying why on standard error (the tools then exit 64).
    static func readOrReport(_ path: String) -> [UInt8]? {
        do {
            return try read(path)
        } catch {
            StandardStreams.writeError("pipit: \(error.description)\n")
            return nil
        }
    }

    static func read(_ path: String) throws(InputFileError) -> [UInt8] {
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputFileError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputFileError(description: "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            bytes += chunk[0..<n]
            if bytes.count > maxSize { throw InputFileError(description: "\(path) is larger than 16 MiB") }
        }
        return bytes
    }
}

/// A file a diagnostic tool could not read: what went wrong, with the path.
struct InputFileError: Error, CustomStringConvertible {
    let description: String
}

/// Unbuffered writes to stdout/stderr that keep bytes (CRLF included) exactly.
enum StandardStreams {
    static func write(_ text: String) { put(Array(text.utf8), to: STDOUT_FILENO) }
    static func write(_ bytes: [UInt8]) { put(bytes, to: STDOUT_FILENO) }
    static func writeError(_ text: String) { put(Array(text.utf8), to: STDERR_FILENO) }

    private static func put(_ all: [UInt8], to fd: Int32) {
        var bytes = all[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            bytes = bytes.dropFirst(n)
        }
    }
}
