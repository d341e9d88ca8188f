/// A parsed RTP packet (RFC 3550 §5.1): the header values plus where the CSRCs,
/// header extension and payload lie in the caller's datagram. Parsing copies nothing
/// and allocates nothing; the offsets stay valid as long as the caller's buffer does.
public struct RTPPacket: Equatable, Sendable {
    public var header: RTPHeader
    /// Number of CSRCs (0…15); read them with `csrc(_:in:)`.
    public var csrcCount: Int
    /// The header extension (RFC 3550 §5.3.1), if the X bit is set. RFC 8285 one- and
    /// two-byte element profiles (0xBEDE, 0x100x) are not interpreted, only skipped.
    public var headerExtension: HeaderExtension?
    /// Byte range of the payload in the datagram, after removing padding.
    public var payload: Range<Int>
    /// Padding bytes removed from the end (0 when the P bit is clear).
    public var paddingCount: Int

    /// The profile-defined 16-bit value and the byte range of the extension data.
    public struct HeaderExtension: Equatable, Sendable {
        public var profile: UInt16
        public var data: Range<Int>
    }

    /// The payload length in bytes.
    public var payloadCount: Int { payload.count }

    /// CSRC number `index`, read from the datagram this packet was parsed from.
    public func csrc(_ index: Int, in datagram: UnsafeRawBufferPointer) -> UInt32? {
        let offset = RTPHeader.fixedSize + 4 * index
        guard index >= 0, index < csrcCount, offset + 4 <= datagram.count else { return nil }
        return datagram.be32(offset)
    }

    /// Parses and validates `datagram`. Never traps, whatever the bytes.
    public static func parse(_ datagram: UnsafeRawBufferPointer) throws(RTPParseError) -> RTPPacket {
        let count = datagram.count
        guard count >= RTPHeader.fixedSize else { throw .tooShort(count) }
        let first = datagram[0]
        let version = first >> 6
        guard version == 2 else { throw .badVersion(version) }
        let hasPadding = first & 0x20 != 0
        let hasExtension = first & 0x10 != 0
        let csrcCount = Int(first & 0x0F)
        let second = datagram[1]
        let header = RTPHeader(
            marker: second & 0x80 != 0, payloadType: second & 0x7F,
            sequenceNumber: datagram.be16(2), timestamp: datagram.be32(4), ssrc: datagram.be32(8))

        var offset = RTPHeader.fixedSize + 4 * csrcCount
        guard offset <= count else { throw .truncatedCSRCList }
        var headerExtension: HeaderExtension?
        if hasExtension {
            guard offset + 4 <= count else { throw .truncatedExtension }
            let profile = datagram.be16(offset)
            let words = Int(datagram.be16(offset + 2))
            let start = offset + 4
            let end = start + 4 * words
            guard end <= count else { throw .truncatedExtension }
            headerExtension = HeaderExtension(profile: profile, data: start..<end)
            offset = end
        }
        var paddingCount = 0
        if hasPadding {
            // The last byte counts the padding, itself included (RFC 3550 §5.1).
            paddingCount = Int(datagram[count - 1])
            guard paddingCount > 0, paddingCount <= count - offset else { throw .badPadding(paddingCount) }
        }
        return RTPPacket(
            header: header, csrcCount: csrcCount, headerExtension: headerExtension,
            payload: offset..<(count - paddingCount), paddingCount: paddingCount)
    }

    /// Parses `bytes`; the ranges refer to indices of `bytes`.
    public static func parse(_ bytes: [UInt8]) throws(RTPParseError) -> RTPPacket {
        let result: Result<RTPPacket, RTPParseError> = bytes.withUnsafeBytes { raw in
            Result { () throws(RTPParseError) in try parse(raw) }
        }
        return try result.get()
    }
}
