/// What the relay did to one direction.
public struct RelayCounters: Hashable, Sendable {
    /// Datagrams that arrived from the sending side.
    public var received = 0
    /// Dropped by random or bursty loss.
    public var dropped = 0
    /// Datagrams sent on (duplicates included).
    public var forwarded = 0
    /// Extra copies made.
    public var duplicated = 0
    /// Held back on purpose by the explicit reordering.
    public var heldBack = 0
    /// Sent after a packet that arrived later than they did (by jitter or on purpose).
    public var outOfOrder = 0
    /// Arrived before the other side's address was known, or when the queue was full.
    public var discarded = 0
    /// The kernel refused the send.
    public var sendFailures = 0

    public init() {}
}
