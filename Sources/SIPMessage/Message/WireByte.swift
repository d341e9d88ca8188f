/// Byte constants and classes used by the scanners. Everything works on raw bytes:
/// SIP's grammar is ASCII, and values may carry arbitrary UTF-8 we must not reinterpret.
enum WireByte {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let sp: UInt8 = 0x20
    static let htab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let dquote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let lt: UInt8 = 0x3C
    static let gt: UInt8 = 0x3E
    static let slash: UInt8 = 0x2F
    static let dot: UInt8 = 0x2E
    static let dash: UInt8 = 0x2D
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D

    /// RFC 3261 `token` characters: alphanum and `-.!%*_+`'~`, as two 64-bit masks.
    @inline(__always)
    static func isToken(_ c: UInt8) -> Bool {
        if c < 64 { return (0x03FF_6CA2_0000_0000 as UInt64) >> UInt64(c) & 1 == 1 }
        if c < 128 { return (0x47FF_FFFF_87FF_FFFE as UInt64) >> UInt64(c - 64) & 1 == 1 }
        return false
    }

    @inline(__always)
    static func isWSP(_ c: UInt8) -> Bool { c == sp || c == htab }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    @inline(__always)
    static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }

    /// ASCII lower-casing; other bytes unchanged.
    @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// Decodes bytes as UTF-8 for display, replacing invalid sequences with U+FFFD (the
    /// raw bytes are kept wherever exactness matters).
    static func text(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
