/// Reliable provisional responses to our INVITE (RFC 3262 §4, UAC side): which ones to
/// acknowledge with PRACK. Each early dialog (To tag) counts its RSeq on its own; the first
/// one starts the count, then only the next number is taken — a retransmission (same or
/// lower) or a gap (higher) is not acknowledged. Pure.
public struct ReliableProvisionals: Sendable, Equatable {
    private var lastRSeq: [String: UInt32] = [:]
    /// Bounds what a hostile peer can make us remember (one entry per To tag).
    static let maximumDialogs = 16

    public init() {}

    /// True when the 1xx with `rseq` on the early dialog `toTag` must be PRACKed now.
    public mutating func shouldAcknowledge(toTag: String, rseq: UInt32) -> Bool {
        if let last = lastRSeq[toTag] {
            guard last < UInt32.max, rseq == last + 1 else { return false }
        } else if lastRSeq.count >= Self.maximumDialogs {
            return false
        }
        lastRSeq[toTag] = rseq
        return true
    }

    /// Whether a response asks for PRACK: `Require: 100rel` and an RSeq.
    public static func requiresPRACK(require: [String], rseq: String?) -> UInt32? {
        let tags = require.flatMap { $0.split(separator: ",") }.map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
        guard tags.contains("100rel"), let rseq, let value = UInt32(rseq.filter { $0 != " " && $0 != "\t" }.prefix(10)),
              value >= 1, value <= (1 << 31) - 1 else { return nil }
        return value
    }
}
