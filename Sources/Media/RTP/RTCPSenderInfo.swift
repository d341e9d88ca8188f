/// The sender information of an SR (RFC 3550 §6.4.1).
public struct RTCPSenderInfo: Equatable, Sendable {
    public static let size = 20

    /// Wall-clock time when the report was sent.
    public var ntp: NTPTimestamp
    /// The same instant in the sender's RTP timestamp units.
    public var rtpTimestamp: UInt32
    /// Packets sent by this SSRC since it started (wraps).
    public var packetCount: UInt32
    /// Payload octets sent by this SSRC since it started (wraps).
    public var octetCount: UInt32

    public init(ntp: NTPTimestamp, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32) {
        self.ntp = ntp
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
    }

    init(reading buffer: UnsafeRawBufferPointer, at offset: Int) {
        self.init(
            ntp: NTPTimestamp(seconds: buffer.be32(offset), fraction: buffer.be32(offset + 4)),
            rtpTimestamp: buffer.be32(offset + 8), packetCount: buffer.be32(offset + 12),
            octetCount: buffer.be32(offset + 16))
    }

    func write(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        buffer.storeBE32(ntp.seconds, at: offset)
        buffer.storeBE32(ntp.fraction, at: offset + 4)
        buffer.storeBE32(rtpTimestamp, at: offset + 8)
        buffer.storeBE32(packetCount, at: offset + 12)
        buffer.storeBE32(octetCount, at: offset + 16)
    }
}
