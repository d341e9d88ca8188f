import Glibc

/// Streams 16-bit PCM into a WAV file: recordings and the file playback backend. The
/// header's sizes are patched on `close()` and every few seconds on the way, so a file
/// cut short by a crash still plays up to the last patch.
public final class WAVWriter {
    public let path: String
    public let format: WAVFormat
    private let fd: Int32
    private var dataBytes = 0
    private var bytesSincePatch = 0
    private var scratch: [UInt8]
    private var closed = false

    public init(path: String, format: WAVFormat, chunkSamples: Int = 4800) throws(WAVError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system(path, errno) }
        self.fd = fd
        self.path = path
        self.format = format
        self.scratch = [UInt8](repeating: 0, count: chunkSamples * 2)
        let header = format.header(dataBytes: 0)
        guard header.withUnsafeBytes({ Self.writeAll(fd, $0) }) else {
            let code = errno
            Glibc.close(fd)
            throw .system(path, code)
        }
    }

    deinit { close() }

    /// Appends interleaved samples. Returns false when the disk refused them.
    @discardableResult
    public func write(_ samples: UnsafeBufferPointer<Int16>) -> Bool {
        guard !closed else { return false }
        var index = 0
        var ok = true
        scratch.withUnsafeMutableBytes { out in
            while index < samples.count, ok {
                let n = min(samples.count - index, out.count / 2)
                for i in 0..<n {
                    let u = UInt16(bitPattern: samples[index + i])
                    out[2 * i] = UInt8(u & 0xFF)
                    out[2 * i + 1] = UInt8(u >> 8)
                }
                ok = Self.writeAll(fd, UnsafeRawBufferPointer(rebasing: out[0..<(2 * n)]))
                index += n
            }
        }
        dataBytes += index * 2
        bytesSincePatch += index * 2
        if bytesSincePatch >= format.sampleRate * format.channels * 2 * 5 { patchSizes() }
        return ok
    }

    public var seconds: Double { Double(dataBytes) / Double(format.sampleRate * format.channels * 2) }

    public func close() {
        guard !closed else { return }
        patchSizes()
        closed = true
        Glibc.close(fd)
    }

    private func patchSizes() {
        bytesSincePatch = 0
        let header = format.header(dataBytes: dataBytes)
        _ = header.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }
}
