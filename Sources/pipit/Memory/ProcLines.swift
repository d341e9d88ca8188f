#if canImport(Glibc)
import Glibc
#endif

/// Reads a file of /proc line by line through one fixed buffer. The trimmer must not grow
/// the memory it is trimming: reading smaps whole would make a heap block of hundreds of
/// KiB that malloc keeps after it is freed.
enum ProcLines {
    /// Lines longer than this (no /proc line the trimmer reads is) are skipped, so that
    /// no line is held beyond it.
    static let longestLine = 8192

    /// Calls `body` with each line's bytes, without its newline (valid during the call
    /// only); false when the file cannot be read.
    @discardableResult
    static func forEach(_ path: String, bufferSize: Int = 16384, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bufferSize)
        defer { buffer.deallocate() }
        var partial: [UInt8] = []
        var skipping = false
        while true {
            let n = read(fd, buffer.baseAddress, bufferSize)
            if n < 0, errno == EINTR { continue }
            if n < 0 { return false }
            if n == 0 { break }
            var start = 0
            for i in 0..<n where buffer[i] == UInt8(ascii: "\n") {
                let piece = UnsafeBufferPointer(rebasing: buffer[start..<i])
                if !skipping, partial.count + piece.count <= longestLine {
                    if partial.isEmpty {
                        body(piece)
                    } else {
                        partial.append(contentsOf: piece)
                        partial.withUnsafeBufferPointer(body)
                    }
                }
                partial.removeAll(keepingCapacity: true)
                skipping = false
                start = i + 1
            }
            if start < n, !skipping {
                partial.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<n]))
                if partial.count > longestLine {
                    partial.removeAll(keepingCapacity: true)
                    skipping = true
                }
            }
        }
        if !partial.isEmpty, !skipping { partial.withUnsafeBufferPointer(body) }
        return true
    }
}
