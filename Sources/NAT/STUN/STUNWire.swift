/// Bounded, non-allocating reads of STUN's wire format: the header check and a walk over
/// the attributes. Every index is checked against the buffer before it is read.
enum STUNWire {
    static let magicCookie: UInt32 = 0x2112_a442
    static let headerSize = 20

    static func u16(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }
    static func u32(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    static func put16(_ v: UInt16, _ b: UnsafeMutableRawBufferPointer, _ i: Int) {
        b[i] = UInt8(truncatingIfNeeded: v >> 8)
        b[i + 1] = UInt8(truncatingIfNeeded: v)
    }

    /// True when `bytes` could be a STUN message: top two bits zero and the magic cookie.
    /// (The demultiplexing test of RFC 7983, plus the cookie.)
    static func looksLikeSTUN(_ b: UnsafeRawBufferPointer) -> Bool {
        b.count >= headerSize && b[0] & 0xc0 == 0 && u32(b, 4) == magicCookie
    }

    /// Validates the header of a whole message; returns the message type.
    static func checkHeader(_ b: UnsafeRawBufferPointer) throws(STUNParseError) -> UInt16 {
        guard b.count >= headerSize else { throw .truncated }
        guard b[0] & 0xc0 == 0 else { throw .notSTUN }
        guard u32(b, 4) == magicCookie else { throw .badMagicCookie }
        let length = Int(u16(b, 2))
        guard length % 4 == 0 else { throw .badLength }
        guard headerSize + length == b.count else { throw .lengthMismatch(declared: length, actual: b.count - headerSize) }
        return u16(b, 0)
    }

    static func transactionID(_ b: UnsafeRawBufferPointer) -> STUNTransactionID {
        var high: UInt64 = 0, low: UInt32 = 0
        for i in 8..<16 { high = high << 8 | UInt64(b[i]) }
        for i in 16..<20 { low = low << 8 | UInt32(b[i]) }
        return STUNTransactionID(high: high, low: low)
    }

    /// One attribute: its type, the offset of its header, and its value's range.
    struct Attribute {
        var type: UInt16
        var offset: Int
        var value: Range<Int>
        /// Offset just after the padded value.
        var end: Int
    }

    /// Walks the attributes of a message whose header `checkHeader` accepted. Stops (nil)
    /// at the end; `malformed` is set if an attribute runs past the message.
    struct Attributes: IteratorProtocol {
        let bytes: UnsafeRawBufferPointer
        var offset = STUNWire.headerSize
        private(set) var malformed = false

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func next() -> Attribute? {
            guard offset < bytes.count else { return nil }
            guard bytes.count - offset >= 4 else { malformed = true; return nil }
            let type = STUNWire.u16(bytes, offset), length = Int(STUNWire.u16(bytes, offset + 2))
            let start = offset + 4
            let padded = (length + 3) & ~3
            guard padded <= bytes.count - start else { malformed = true; return nil }
            let attribute = Attribute(type: type, offset: offset, value: start..<(start + length), end: start + padded)
            offset = start + padded
            return attribute
        }
    }
}
