/// (XOR-)MAPPED-ADDRESS values (RFC 8489 §14.1–14.2): a reserved byte, the family, the
/// port and the address; XOR'd with the magic cookie (and the transaction ID for IPv6).
enum STUNAddressCodec {
    /// The XOR mask byte for address byte `i`: the cookie, then the transaction ID.
    static func mask(_ i: Int, _ id: STUNTransactionID) -> UInt8 {
        i < 4 ? UInt8(truncatingIfNeeded: STUNWire.magicCookie >> (24 - 8 * UInt32(i))) : id.byte(i - 4)
    }

    static func decode(_ v: UnsafeRawBufferPointer, xor: Bool, transactionID: STUNTransactionID) -> TransportAddress? {
        guard v.count >= 4, let family = TransportAddress.Family(rawValue: v[1]), v.count == 4 + family.length else { return nil }
        var port = STUNWire.u16(v, 2)
        if xor { port ^= UInt16(truncatingIfNeeded: STUNWire.magicCookie >> 16) }
        // Unmask into a fixed-size tuple: no allocation, so the Data indication path can use it.
        var raw: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &raw) { out in
            for i in 0..<family.length { out[i] = xor ? v[4 + i] ^ mask(i, transactionID) : v[4 + i] }
        }
        return withUnsafeBytes(of: raw) { TransportAddress(addressBytes: UnsafeRawBufferPointer(rebasing: $0[0..<family.length]), port: port) }
    }

    static func encode(_ address: TransportAddress, xor: Bool, transactionID: STUNTransactionID) -> [UInt8] {
        var port = address.port
        if xor { port ^= UInt16(truncatingIfNeeded: STUNWire.magicCookie >> 16) }
        var out: [UInt8] = [0, address.family.rawValue, UInt8(port >> 8), UInt8(truncatingIfNeeded: port)]
        address.withAddressBytes { bytes in
            for (i, byte) in bytes.enumerated() { out.append(xor ? byte ^ mask(i, transactionID) : byte) }
        }
        return out
    }
}

extension STUNAddressCodec {
    /// Writes an XOR-address attribute (header and value) at `offset` without allocating;
    /// returns the bytes written, or nil when it does not fit.
    static func writeAttribute(type: UInt16, _ address: TransportAddress, transactionID: STUNTransactionID,
                               into b: UnsafeMutableRawBufferPointer, at offset: Int) -> Int? {
        let valueLength = 4 + address.family.length
        guard offset >= 0, b.count - offset >= 4 + valueLength else { return nil }
        STUNWire.put16(type, b, offset)
        STUNWire.put16(UInt16(valueLength), b, offset + 2)
        b[offset + 4] = 0
        b[offset + 5] = address.family.rawValue
        STUNWire.put16(address.port ^ UInt16(truncatingIfNeeded: STUNWire.magicCookie >> 16), b, offset + 6)
        address.withAddressBytes { bytes in
            for i in 0..<bytes.count { b[offset + 8 + i] = bytes[i] ^ mask(i, transactionID) }
        }
        return 4 + valueLength
    }
}
