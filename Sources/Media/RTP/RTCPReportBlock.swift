/// One reception report block (RFC 3550 §6.4.1): what a receiver says about one source.
public struct RTCPReportBlock: Equatable, Sendable {
    public static let size = 24
    /// The largest and smallest values of the 24-bit signed cumulative-lost field.
    public static let cumulativeLostRange: ClosedRange<Int64> = -8_388_608...8_388_607

    /// The source this block reports on.
    public var ssrc: UInt32
    /// Fraction of packets lost since the previous report, in 1/256 units.
    public var fractionLost: UInt8
    /// Packets lost since the start of reception (may be negative with duplicates).
    public var cumulativeLost: Int32
    public var extendedHighestSequence: UInt32
    /// Interarrival jitter in RTP timestamp units.
    public var jitter: UInt32
    /// Middle 32 bits of the NTP time in the last SR from this source, 0 if none.
    public var lastSR: UInt32
    /// Delay since that SR, in 1/65536 s; 0 if none.
    public var delaySinceLastSR: UInt32

    public init(ssrc: UInt32, fractionLost: UInt8, cumulativeLost: Int32, extendedHighestSequence: UInt32,
                jitter: UInt32, lastSR: UInt32, delaySinceLastSR: UInt32) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequence = extendedHighestSequence
        self.jitter = jitter
        self.lastSR = lastSR
        self.delaySinceLastSR = delaySinceLastSR
    }

    /// The fraction lost as a value in 0…1.
    public var fractionLostRatio: Double { Double(fractionLost) / 256 }

    /// Reads a block at `offset`; the caller has checked that 24 bytes are there.
    init(reading buffer: UnsafeRawBufferPointer, at offset: Int) {
        let lostWord = buffer.be32(offset + 4)
        // Sign-extend the 24-bit field.
        let lost = Int32(bitPattern: lostWord << 8) >> 8
        self.init(
            ssrc: buffer.be32(offset), fractionLost: UInt8(truncatingIfNeeded: lostWord >> 24), cumulativeLost: lost,
            extendedHighestSequence: buffer.be32(offset + 8), jitter: buffer.be32(offset + 12),
            lastSR: buffer.be32(offset + 16), delaySinceLastSR: buffer.be32(offset + 20))
    }

    /// Writes the block at `offset`; the caller has checked the space. The cumulative
    /// count is clamped to the 24-bit field.
    func write(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        let lost = Int32(clamping: min(max(Int64(cumulativeLost), Self.cumulativeLostRange.lowerBound),
                                       Self.cumulativeLostRange.upperBound))
        buffer.storeBE32(ssrc, at: offset)
        buffer.storeBE32(UInt32(fractionLost) << 24 | (UInt32(bitPattern: lost) & 0x00FF_FFFF), at: offset + 4)
        buffer.storeBE32(extendedHighestSequence, at: offset + 8)
        buffer.storeBE32(jitter, at: offset + 12)
        buffer.storeBE32(lastSR, at: offset + 16)
        buffer.storeBE32(delaySinceLastSR, at: offset + 20)
    }
}
