import Glibc

/// A whole 16-bit PCM WAV file in memory, interleaved.
public struct WAVFile: Sendable {
    public var format: WAVFormat
    public var samples: [Int16]

    public init(format: WAVFormat, samples: [Int16]) {
        self.format = format
        self.samples = samples
    }

    /// Files above this are refused: an hour of 16 kHz mono is 115 MB, a ringtone or a
    /// prompt is far less, and a mistaken path must not fill memory.
    public static let maximumBytes = 64 << 20

    public init(contentsOf path: String) throws(WAVError) {
        let bytes = try Self.readAll(path)
        let (format, data) = try WAVFormat.parse(bytes)
        var samples = [Int16](repeating: 0, count: data.count / 2)
        var i = data.lowerBound
        for n in samples.indices {
            samples[n] = Int16(bitPattern: UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)
            i += 2
        }
        self.init(format: format, samples: samples)
    }

    /// The file's bytes: header and little-endian samples.
    public func encoded() -> [UInt8] {
        var out = format.header(dataBytes: samples.count * 2)
        out.reserveCapacity(out.count + samples.count * 2)
        for s in samples {
            let u = UInt16(bitPattern: s)
            out.append(UInt8(u & 0xFF))
            out.append(UInt8(u >> 8))
        }
        return out
    }

    public func write(to path: String) throws(WAVError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system(path, errno) }
        defer { close(fd) }
        let bytes = encoded()
        let ok = bytes.withUnsafeBytes { WAVWriter.writeAll(fd, $0) }
        guard ok else { throw .system(path, errno) }
    }

    /// One channel, or the average of both, as mono.
    public var mono: [Int16] {
        guard format.channels == 2 else { return samples }
        return stride(from: 0, to: samples.count - 1, by: 2).map {
            Int16((Int(samples[$0]) + Int(samples[$0 + 1])) / 2)
        }
    }

    static func readAll(_ path: String) throws(WAVError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system(path, errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(path, errno) }
        let size = Int(info.st_size)
        guard size <= maximumBytes else { throw .tooLarge(size) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, size - filled) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw .system(path, errno) }
            if n == 0 { break }
            filled += n
        }
        return Array(bytes.prefix(filled))
    }
}
