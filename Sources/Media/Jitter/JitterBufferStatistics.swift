/// Counters and delays of one receive stream's jitter buffer and playout.
public struct JitterBufferStatistics: Sendable, Equatable {
    /// Delay added by the buffer now: how long after the fastest recent packet's
    /// arrival the next sample plays, in ms.
    public var currentDelayMs: Int = 0
    /// What the buffer aims for, in ms.
    public var targetDelayMs: Int = 0
    public var packetsReceived: Int = 0
    /// Arrived after their playout time (they are also counted as lost).
    public var packetsLate: Int = 0
    /// Never played: skipped over by concealment or FEC.
    public var packetsLost: Int = 0
    public var packetsDuplicate: Int = 0
    /// Dropped because the buffer was full or the payload too large.
    public var packetsDiscarded: Int = 0
    /// Output frames that carried concealed audio.
    public var framesConcealed: Int = 0
    /// Lost packets rebuilt from the next packet's FEC.
    public var framesRecovered: Int = 0
    /// Lost packets played from a copy a later packet carried (RFC 2198 redundancy).
    public var framesFromRedundancy: Int = 0
    /// Redundant copies received (RFC 2198 blocks before a packet's own): the peer sends
    /// redundancy. Most find their packet already here.
    public var copiesReceived: Int = 0
    /// Pitch periods dropped (accelerate) or inserted (preemptive expand).
    public var framesAccelerated: Int = 0
    public var framesExpanded: Int = 0
    /// Times the stream restarted: new SSRC, or a sequence jump.
    public var streamResets: Int = 0
    /// Payloads the decoder rejected (concealed instead).
    public var decodeErrors: Int = 0

    public init() {}
}
