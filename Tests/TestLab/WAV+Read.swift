import Foundation

/// Why bytes are not a 16-bit PCM WAV file.
public struct WAVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Byte offset where reading stopped.
    public let offset: Int
    public let reason: String
    public var description: String { "WAV: \(reason) at byte \(offset)" }
}

extension WAV {
    /// Reads a 16-bit PCM WAV file.
    public init(contentsOf url: URL) throws {
        try self.init(decoding: Data(contentsOf: url))
    }

    /// Parses WAV bytes. A `data` chunk whose size is 0 or runs past the end (a recording
    /// still being written, or a recorder killed before it fixed the header) is read up to
    /// the end of the bytes.
    public init(decoding data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw WAVError(offset: 0, reason: "not a RIFF/WAVE file")
        }
        var offset = 12
        var format: (channels: Int, rate: Int, bits: Int, code: Int)?
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(Self.le32(bytes, offset + 4))
            let body = offset + 8
            if id == "fmt " {
                guard size >= 16, body + 16 <= bytes.count else { throw WAVError(offset: offset, reason: "short fmt chunk") }
                format = (Int(Self.le16(bytes, body + 2)), Int(Self.le32(bytes, body + 4)),
                          Int(Self.le16(bytes, body + 14)), Int(Self.le16(bytes, body)))
            } else if id == "data" {
                guard let format else { throw WAVError(offset: offset, reason: "data before fmt") }
                // 0xFFFE is WAVE_FORMAT_EXTENSIBLE; its subformat is assumed PCM.
                guard format.code == 1 || format.code == 0xFFFE, format.bits == 16 else {
                    throw WAVError(offset: offset, reason: "not 16-bit PCM (format \(format.code), \(format.bits) bits)")
                }
                guard (1...8).contains(format.channels), format.rate > 0 else {
                    throw WAVError(offset: offset, reason: "bad channel count or rate")
                }
                let end = size == 0 ? bytes.count : min(bytes.count, body + size)
                var samples: [Int16] = []
                samples.reserveCapacity(max(0, end - body) / 2)
                var i = body
                while i + 1 < end {
                    samples.append(Int16(bitPattern: Self.le16(bytes, i)))
                    i += 2
                }
                self.init(sampleRate: format.rate, channels: format.channels, samples: samples)
                return
            }
            guard size >= 0, body + size > offset else { break }
            offset = body + size + (size & 1)
        }
        throw WAVError(offset: offset, reason: "no data chunk")
    }

    private static func le16(_ b: [UInt8], _ i: Int) -> UInt16 {
        UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    private static func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
