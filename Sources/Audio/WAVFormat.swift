import Glibc

/// The RIFF/WAVE header of 16-bit PCM files: the only WAV pipit reads and writes
/// (ringtones, `play` into a call, recordings, file audio backends).
public struct WAVFormat: Hashable, Sendable {
    public var sampleRate: Int
    public var channels: Int

    public init(sampleRate: Int, channels: Int) {
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// Bytes of the canonical 44-byte header written in front of `dataBytes` of samples.
    public func header(dataBytes: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(44)
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian) { out += $0 } }
        func u16(_ v: Int) { withUnsafeBytes(of: UInt16(truncatingIfNeeded: v).littleEndian) { out += $0 } }
        out += Array("RIFF".utf8); u32(36 + dataBytes)
        out += Array("WAVE".utf8)
        out += Array("fmt ".utf8); u32(16)
        u16(1); u16(channels); u32(sampleRate); u32(sampleRate * channels * 2); u16(channels * 2); u16(16)
        out += Array("data".utf8); u32(dataBytes)
        return out
    }

    /// Finds the format and the sample bytes in a whole file. Chunks other than `fmt `
    /// and `data` are skipped; sizes that run past the end are cut to it (files from
    /// recorders killed mid-write carry a zero or stale size).
    public static func parse(_ bytes: [UInt8]) throws(WAVError) -> (format: WAVFormat, data: Range<Int>) {
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func tag(_ at: Int) -> String? {
            guard at + 4 <= bytes.count else { return nil }
            return String(decoding: bytes[at..<at + 4], as: UTF8.self)
        }
        guard tag(0) == "RIFF", tag(8) == "WAVE" else { throw .notWAV }
        var offset = 12
        var format: WAVFormat?
        // Each step moves forward by at least 8 bytes, so this ends.
        while let name = tag(offset), let size = u32(offset + 4) {
            let body = offset + 8
            switch name {
            case "fmt ":
                guard size >= 16, let codec = u16(body), let channels = u16(body + 2), let rate = u32(body + 4),
                      let bits = u16(body + 14) else { throw .badHeader("short fmt chunk") }
                // 0xFFFE (WAVE_FORMAT_EXTENSIBLE) is still PCM when the bit depth says so.
                guard codec == 1 || codec == 0xFFFE, bits == 16 else {
                    throw .unsupported("only 16-bit PCM WAV is supported (format \(codec), \(bits) bits)")
                }
                guard (1...2).contains(channels), (8000...192_000).contains(rate) else {
                    throw .unsupported("\(channels) channels at \(rate) Hz")
                }
                format = WAVFormat(sampleRate: rate, channels: channels)
            case "data":
                guard let format else { throw .badHeader("data before fmt") }
                let end = size == 0 || body + size > bytes.count ? bytes.count : body + size
                let frameBytes = 2 * format.channels
                return (format, body..<(body + (end - body) / frameBytes * frameBytes))
            default:
                break
            }
            offset = body + size + (size & 1)
        }
        throw .badHeader(format == nil ? "no fmt chunk" : "no data chunk")
    }
}

public enum WAVError: Error, Equatable, Sendable, CustomStringConvertible {
    case notWAV
    case badHeader(String)
    case unsupported(String)
    case tooLarge(Int)
    case system(String, Int32)

    public var description: String {
        switch self {
        case .notWAV: "not a WAV file"
        case .badHeader(let why): "bad WAV header: \(why)"
        case .unsupported(let what): what
        case .tooLarge(let bytes): "WAV file too large (\(bytes) bytes; the limit is 64 MiB)"
        case .system(let what, let code): "\(what): \(String(cString: strerror(code)))"
        }
    }
}
