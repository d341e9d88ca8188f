/// ITU-T G.711 companding: 16-bit linear PCM to and from 8-bit μ-law (PCMU) and A-law
/// (PCMA). Encoding is a few shifts; decoding reads a 256-entry table computed once.
public enum G711 {
    /// μ-law of one sample. 0 → 0xFF; the code is bit-inverted on the wire (G.711 §2).
    @inline(__always)
    public static func muLaw(_ sample: Int16) -> UInt8 {
        // G.711 μ-law works on 14-bit magnitudes with a bias of 33. A negative sample's
        // magnitude is its one's complement, taken before the shift: shifting first made
        // −1…−4 code as −8 while +1…+3 code as 0, a one-sided hiss in every pause.
        let negative = sample < 0
        var magnitude = (negative ? ~Int32(sample) : Int32(sample)) >> 2
        let mask: UInt8 = negative ? 0x7F : 0xFF
        magnitude = min(magnitude, 8159) &+ 33
        // Segment = position of the top bit above bit 5 (values 33…8192).
        let segment = (31 - magnitude.leadingZeroBitCount) - 5
        let code: Int32 = segment >= 8 ? 0x7F : Int32(segment << 4) | ((magnitude >> Int32(segment + 1)) & 0x0F)
        return UInt8(truncatingIfNeeded: code) ^ mask
    }

    /// A-law of one sample. 0 → 0xD5; even bits are inverted on the wire (G.711 §3).
    @inline(__always)
    public static func aLaw(_ sample: Int16) -> UInt8 {
        // A-law works on 13-bit magnitudes; negative values use one's complement.
        var value = Int32(sample) >> 3
        let mask: UInt8
        if value >= 0 {
            mask = 0xD5
        } else {
            mask = 0x55
            value = -value - 1
        }
        // Segment 0 covers 0…31, then one segment per doubling up to 4095.
        let top = 31 - (value | 1).leadingZeroBitCount
        let segment = max(0, top - 4)
        let code: Int32
        if segment >= 8 {
            code = 0x7F
        } else if segment < 2 {
            code = Int32(segment << 4) | ((value >> 1) & 0x0F)
        } else {
            code = Int32(segment << 4) | ((value >> Int32(segment)) & 0x0F)
        }
        return UInt8(truncatingIfNeeded: code) ^ mask
    }

    /// Linear value of a μ-law byte (±32124 at the extremes).
    @inline(__always)
    public static func linear(muLaw code: UInt8) -> Int16 { muLawTable[Int(code)] }

    /// Linear value of an A-law byte (±32256 at the extremes).
    @inline(__always)
    public static func linear(aLaw code: UInt8) -> Int16 { aLawTable[Int(code)] }

    /// Every μ-law byte decoded, computed once from the segment/mantissa rule.
    public static let muLawTable: [Int16] = (0..<256).map { byte in
        let u = ~UInt8(byte)
        let mantissa = Int32(u & 0x0F), segment = Int32((u & 0x70) >> 4)
        let magnitude = (((mantissa << 3) + 0x84) << segment) - 0x84
        return Int16(u & 0x80 != 0 ? -magnitude : magnitude)
    }

    /// Every A-law byte decoded, computed once from the segment/mantissa rule.
    public static let aLawTable: [Int16] = (0..<256).map { byte in
        let a = UInt8(byte) ^ 0x55
        let mantissa = Int32(a & 0x0F), segment = Int32((a & 0x70) >> 4)
        var magnitude = (mantissa << 4) + 8
        if segment > 0 { magnitude = (magnitude + 0x100) << (segment - 1) }
        return Int16(a & 0x80 != 0 ? magnitude : -magnitude)
    }
}

/// Which G.711 law a coder uses.
public enum G711Law: Sendable {
    /// PCMU, static payload type 0.
    case muLaw
    /// PCMA, static payload type 8.
    case aLaw
}
