@testable import SIPStack

/// Small helpers to write DNS messages byte by byte in tests.
enum DNSBytes {
    static func u16(_ v: Int) -> [UInt8] { [UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
    static func u32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    /// Uncompressed labels ending in the root byte.
    static func name(_ text: String) -> [UInt8] {
        text.split(separator: ".").flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } + [0]
    }

    /// A pointer to `offset`.
    static func pointer(_ offset: Int) -> [UInt8] { [UInt8(0xC0 | (offset >> 8)), UInt8(offset & 0xFF)] }

    static func header(id: Int = 0x1234, flags: Int = 0x8180, qd: Int = 1, an: Int = 0, ns: Int = 0, ar: Int = 0) -> [UInt8] {
        u16(id) + u16(flags) + u16(qd) + u16(an) + u16(ns) + u16(ar)
    }

    static func question(_ name: String, type: Int) -> [UInt8] { self.name(name) + u16(type) + u16(1) }

    /// A record whose owner is the bytes `owner` (a name or a pointer).
    static func record(_ owner: [UInt8], type: Int, ttl: UInt32 = 300, rdata: [UInt8]) -> [UInt8] {
        owner + u16(type) + u16(1) + u32(ttl) + u16(rdata.count) + rdata
    }

    static func characterString(_ s: String) -> [UInt8] { [UInt8(s.utf8.count)] + Array(s.utf8) }
}

/// A deterministic generator (DNSTestRNG) so random tests repeat exactly.
struct DNSTestRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
