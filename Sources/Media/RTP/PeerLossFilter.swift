/// Reads the loss in a peer's report blocks about our stream the way protection should:
/// RFC 3550's fraction lost counts packets that jitter reordered and that are still on
/// their way at the moment of the report as lost (they come back as negative loss in the
/// next interval). On a jittery path that loses nothing a report can say 1–2 %, which
/// turned red copies (and Opus's FEC) on for a whole interval.
///
/// An interval's loss counts when the cumulative count grew by more than the packets the
/// reported jitter can hold back (twice the jitter, in packets), or grew at all while the
/// previous interval's loss counted too (real loss persists; a reordering blip comes back).
/// With no jitter nothing is held back: any loss counts at once.
public struct PeerLossFilter: Sendable, Equatable {
    private var cumulative: Int64 = 0
    private var losing = false

    public init() {}

    /// The fraction lost to act on for `block` (0…1): its own, or 0 when it is no more
    /// than reordering. `packetUnits`: our packets' duration in RTP timestamp units.
    public mutating func fraction(of block: RTCPReportBlock, packetUnits: Int) -> Double {
        let grew = Int64(block.cumulativeLost) - cumulative
        cumulative = Int64(block.cumulativeLost)
        let heldBack = Int64((2 * Double(block.jitter) / Double(max(packetUnits, 1))).rounded(.up))
        losing = grew > heldBack || (grew > 0 && losing)
        return losing ? block.fractionLostRatio : 0
    }
}
