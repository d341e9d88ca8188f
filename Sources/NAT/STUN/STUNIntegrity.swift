import Hashing

/// MESSAGE-INTEGRITY (HMAC-SHA1) or MESSAGE-INTEGRITY-SHA256 (HMAC-SHA256) with a key
/// from `STUNCredentials`.
public enum STUNIntegrity: Sendable, Equatable {
    case sha1(key: [UInt8])
    case sha256(key: [UInt8])

    var attributeType: UInt16 {
        switch self {
        case .sha1: STUNAttribute.Code.messageIntegrity
        case .sha256: STUNAttribute.Code.messageIntegritySHA256
        }
    }

    var tagLength: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        }
    }

    func tag(over bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1(let key): HMAC.sha1(key: key, message: bytes)
        case .sha256(let key): HMAC.sha256(key: key, message: bytes)
        }
    }

    /// FINGERPRINT's value: CRC-32 of the message before it, XOR "STUN" (§14.7).
    static func fingerprint(over bytes: [UInt8]) -> UInt32 { CRC32.checksum(bytes) ^ 0x5354_554e }

    /// What a check found.
    public enum Check: Sendable, Equatable {
        case absent, valid, invalid
    }

    /// Checks the integrity of a received message with `key`: MESSAGE-INTEGRITY-SHA256
    /// when present (the stronger), else MESSAGE-INTEGRITY. The HMAC covers the bytes
    /// before the attribute with the length field set to end just after it (§14.5).
    public static func check(_ bytes: UnsafeRawBufferPointer, key: [UInt8]) -> Check {
        guard (try? STUNWire.checkHeader(bytes)) != nil else { return .invalid }
        var walk = STUNWire.Attributes(bytes)
        var sha1: STUNWire.Attribute?, sha256: STUNWire.Attribute?
        while let attribute = walk.next() {
            if attribute.type == STUNAttribute.Code.messageIntegrity, sha1 == nil, sha256 == nil { sha1 = attribute }
            if attribute.type == STUNAttribute.Code.messageIntegritySHA256, sha256 == nil { sha256 = attribute }
            if attribute.type == STUNAttribute.Code.fingerprint { break }
        }
        guard let found = sha256 ?? sha1 else { return .absent }
        var covered = Array(UnsafeRawBufferPointer(rebasing: bytes[0..<found.offset]))
        let length = found.end - STUNWire.headerSize
        covered[2] = UInt8(truncatingIfNeeded: length >> 8)
        covered[3] = UInt8(truncatingIfNeeded: length)
        let expected = found.type == STUNAttribute.Code.messageIntegrity
            ? HMAC.sha1(key: key, message: covered) : HMAC.sha256(key: key, message: covered)
        let received = UnsafeRawBufferPointer(rebasing: bytes[found.value])
        // MESSAGE-INTEGRITY-SHA256 may be truncated to 16 bytes or more (§14.6).
        guard received.count >= 16, received.count <= expected.count else { return .invalid }
        var difference: UInt8 = 0
        for i in 0..<received.count { difference |= received[i] ^ expected[i] }
        return difference == 0 ? .valid : .invalid
    }

    public static func check(_ bytes: [UInt8], key: [UInt8]) -> Check {
        bytes.withUnsafeBytes { check($0, key: key) }
    }

    /// Checks FINGERPRINT, which must be the last attribute (§14.7).
    public static func checkFingerprint(_ bytes: UnsafeRawBufferPointer) -> Check {
        guard (try? STUNWire.checkHeader(bytes)) != nil else { return .invalid }
        var walk = STUNWire.Attributes(bytes)
        while let attribute = walk.next() {
            guard attribute.type == STUNAttribute.Code.fingerprint else { continue }
            guard attribute.end == bytes.count, attribute.value.count == 4 else { return .invalid }
            let crc = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<attribute.offset])) ^ 0x5354_554e
            return crc == STUNWire.u32(bytes, attribute.value.lowerBound) ? .valid : .invalid
        }
        return .absent
    }

    public static func checkFingerprint(_ bytes: [UInt8]) -> Check {
        bytes.withUnsafeBytes { checkFingerprint($0) }
    }
}
