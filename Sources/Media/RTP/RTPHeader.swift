/// The fields of an RTP fixed header (RFC 3550 §5.1) that a sender chooses per packet.
/// Version is always 2. Written by `write(into:csrcs:)`; parsed headers come inside an
/// `RTPPacket`, which also locates the CSRCs, extension and payload.
public struct RTPHeader: Equatable, Sendable {
    /// The length of the fixed header without CSRCs.
    public static let fixedSize = 12

    /// Marks the first packet of a talk spurt for audio (RFC 3551 §4.1).
    public var marker: Bool
    /// 0…127.
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32

    public init(marker: Bool = false, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
    }

    /// Writes the header (V=2, no padding, no extension) and `csrcs` at the start of
    /// `buffer`; the payload goes right after the returned length. Allocation-free.
    @discardableResult
    public func write(into buffer: UnsafeMutableRawBufferPointer, csrcs: [UInt32] = []) throws(PacketWriteError) -> Int {
        guard csrcs.count <= 15 else { throw .valueTooLong("\(csrcs.count) CSRCs (at most 15)") }
        let length = Self.fixedSize + 4 * csrcs.count
        guard buffer.count >= length else { throw .bufferTooSmall(needed: length) }
        buffer[0] = 0x80 | UInt8(csrcs.count)
        buffer[1] = (marker ? 0x80 : 0) | (payloadType & 0x7F)
        buffer.storeBE16(sequenceNumber, at: 2)
        buffer.storeBE32(timestamp, at: 4)
        buffer.storeBE32(ssrc, at: 8)
        for (i, csrc) in csrcs.enumerated() {
            buffer.storeBE32(csrc, at: Self.fixedSize + 4 * i)
        }
        return length
    }
}
