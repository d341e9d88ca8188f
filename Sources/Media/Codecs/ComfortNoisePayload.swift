#if canImport(Glibc)
import Glibc
#endif

/// An RFC 3389 comfort noise payload (SID frame): the noise level, then optionally the
/// reflection coefficients of an all-pole model of its spectrum, one byte each (§3).
public struct ComfortNoisePayload: Hashable, Sendable {
    /// Noise level in -dBov, 0…127 (0 dBov: the level of a full-scale square wave, §3.1).
    public var level: UInt8
    /// Quantised reflection coefficients k1, k2, … (§3.2): byte N stands for (N - 127) / 128.
    public var quantisedCoefficients: [UInt8]

    /// The most coefficients kept; higher orders are dropped (§3: the decoder may reduce
    /// the model order), which also bounds what a hostile payload can make us store.
    public static let maxOrder = 32

    public init(level: UInt8, quantisedCoefficients: [UInt8] = []) {
        self.level = level & 0x7F
        self.quantisedCoefficients = Array(quantisedCoefficients.prefix(Self.maxOrder))
    }

    /// Parses a CN payload; the level's unused top bit is ignored.
    public init(parsing payload: UnsafeRawBufferPointer) throws(CodecError) {
        guard payload.count >= 1 else { throw .badPayload("empty comfort noise payload") }
        self.init(level: payload[0], quantisedCoefficients: Array(payload.dropFirst().prefix(Self.maxOrder)))
    }

    /// The coefficients as values in (-1, 1). 255 would decode to exactly 1, which is
    /// unstable, so values are held inside ±0.99.
    public var reflectionCoefficients: [Double] {
        quantisedCoefficients.map { Self.coefficient($0) }
    }

    static func coefficient(_ byte: UInt8) -> Double {
        min(max((Double(byte) - 127) / 128, -0.99), 0.99)
    }

    /// Writes the payload; returns its length.
    public func write(into payload: UnsafeMutableRawBufferPointer) throws(CodecError) -> Int {
        let length = 1 + quantisedCoefficients.count
        guard payload.count >= length else { throw .bufferTooSmall(needed: length) }
        payload[0] = level & 0x7F
        for (i, k) in quantisedCoefficients.enumerated() { payload[1 + i] = k }
        return length
    }

    /// The RMS amplitude (full scale 32768) that `level` stands for.
    public var rmsAmplitude: Double { Self.rmsAmplitude(level: level) }

    static func rmsAmplitude(level: UInt8) -> Double {
        32768 * pow(10, -Double(level & 0x7F) / 20)
    }
}
