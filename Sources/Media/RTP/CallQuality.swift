/// The statistics of one call's media stream as the UI shows them. Built by the engine
/// from `RTPSender`, `ReceiverStatistics`, the peer's report blocks and the jitter
/// buffer; a plain value that crosses threads.
public struct CallQuality: Equatable, Sendable {
    public var packetsSent: UInt64 = 0
    public var octetsSent: UInt64 = 0
    public var packetsReceived: UInt64 = 0
    public var octetsReceived: UInt64 = 0

    /// Packets we did not receive, cumulative (may be negative with duplicates, as RFC
    /// 3550 allows).
    public var packetsLost: Int64 = 0
    /// Fraction we lost in the last report interval, 0…1.
    public var fractionLost: Double = 0
    /// What the peer reports about our stream: cumulative lost and last fraction.
    public var peerPacketsLost: Int64?
    public var peerFractionLost: Double?

    /// Interarrival jitter of what we receive, ms.
    public var jitterMilliseconds: Double = 0
    /// Interarrival jitter the peer measures on our stream, ms.
    public var peerJitterMilliseconds: Double?
    /// Round-trip time from the last LSR/DLSR, ms.
    public var roundTripMilliseconds: Double?

    /// Filled by the engine from the jitter buffer: its current playout delay and the
    /// frames it had to conceal.
    public var jitterBufferDelayMilliseconds: Double?
    public var concealedFrames: Int64 = 0
    /// Lost frames rebuilt from the next packet's in-band FEC (Opus).
    public var fecFrames: Int64 = 0
    /// Lost frames played from a redundant copy in a later packet (RFC 2198).
    public var redundantFrames: Int64 = 0
    /// Redundant copies the peer sent (whether or not they were needed).
    public var redundantCopies: Int64 = 0

    public init() {}

    /// Mouth-to-ear delay of what we hear: half the RTT (the peer's delay is unknown),
    /// the jitter buffer, and the codec.
    public func mouthToEarMilliseconds(codec: EModel.Codec) -> Double {
        (roundTripMilliseconds ?? 0) / 2 + (jitterBufferDelayMilliseconds ?? 0) + codec.delayMilliseconds
    }

    /// The E-model MOS of what we hear, from the last interval's loss.
    public func estimatedMOS(codec: EModel.Codec, burstRatio: Double = 1) -> Double {
        EModel.mos(mouthToEarMilliseconds: mouthToEarMilliseconds(codec: codec),
                   lossPercent: fractionLost * 100, codec: codec, burstRatio: burstRatio)
    }
}
