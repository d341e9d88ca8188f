import Foundation

/// 16-bit PCM audio, as in a RIFF/WAVE file: interleaved samples, mono or stereo.
public struct WAV: Equatable, Sendable {
    public var sampleRate: Int
    public var channels: Int
    /// Interleaved samples (L R L R … for stereo).
    public var samples: [Int16]

    public init(sampleRate: Int, channels: Int = 1, samples: [Int16]) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.samples = samples
    }

    /// Length in seconds.
    public var duration: Double {
        sampleRate > 0 && channels > 0 ? Double(samples.count / channels) / Double(sampleRate) : 0
    }

    /// One channel's samples (0 is left / the only channel).
    public func channel(_ index: Int) -> [Int16] {
        guard channels > 1 else { return samples }
        return stride(from: index, to: samples.count, by: channels).map { samples[$0] }
    }

    /// The file bytes: a canonical 44-byte header and little-endian samples.
    public func encoded() -> Data {
        let dataSize = samples.count * 2
        var out = Data(capacity: 44 + dataSize)
        out.append(contentsOf: Array("RIFF".utf8))
        out.appendLE(UInt32(36 + dataSize))
        out.append(contentsOf: Array("WAVEfmt ".utf8))
        out.appendLE(UInt32(16))
        out.appendLE(UInt16(1))  // PCM
        out.appendLE(UInt16(channels))
        out.appendLE(UInt32(sampleRate))
        out.appendLE(UInt32(sampleRate * channels * 2))
        out.appendLE(UInt16(channels * 2))
        out.appendLE(UInt16(16))
        out.append(contentsOf: Array("data".utf8))
        out.appendLE(UInt32(dataSize))
        for sample in samples { out.appendLE(UInt16(bitPattern: sample)) }
        return out
    }

    public func write(to url: URL) throws {
        try encoded().write(to: url)
    }
}

extension Data {
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
