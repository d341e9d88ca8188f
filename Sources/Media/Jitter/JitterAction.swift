/// A packet the jitter buffer hands to the playout. Its payload is read with
/// `JitterBuffer.withPayload(of:_:)`, valid until the next `insert`.
public struct JitterPacket: Sendable, Equatable {
    /// Slot in the buffer's pool.
    public let slot: Int
    /// Unwrapped (64-bit) sequence number and RTP timestamp.
    public let sequence: Int64
    public let timestamp: Int64
    public let payloadType: UInt8
    public let marker: Bool
    /// Its duration in RTP units (told at insert or inferred from timestamps).
    public let units: Int
}

/// What the playout should produce next. Durations are in RTP timestamp units.
public enum JitterAction: Sendable, Equatable {
    /// Decode this packet.
    case decode(JitterPacket)
    /// Audio is missing (loss, or a late packet not here yet): conceal `units`.
    case conceal(units: Int)
    /// One packet is lost and the next, `from`, is here: rebuild the lost `units` from
    /// its redundancy (Opus in-band FEC), or conceal when the codec cannot.
    case recover(units: Int, from: JitterPacket)
    /// Nothing to play and nothing is lost (before the first packet, DTX, after comfort
    /// noise): silence, or comfort noise at `noiseLevel` (−dBov, RFC 3389) when given.
    case silence(units: Int, noiseLevel: UInt8?)
}

/// Whether the playout should change the pace this tick.
public enum TimeScaleAdvice: Sendable, Equatable {
    case none
    /// The delay is above the target: drop a pitch period (if the signal allows).
    case accelerate
    /// The delay is below the target: insert a pitch period (preemptive expand).
    case expand
}
