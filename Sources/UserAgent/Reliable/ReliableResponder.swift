/// Our reliable provisional response (RFC 3262 §3, UAS side), for a caller whose INVITE
/// says `Require: 100rel`: its RSeq, when to send it again, and whether a PRACK's RAck
/// acknowledges it. Pure: the user agent sends and waits.
public struct ReliableResponder: Sendable, Equatable {
    public let rseq: UInt32
    /// The INVITE's CSeq number, which RAck repeats.
    public let inviteCSeq: UInt32
    public private(set) var acknowledged = false
    private var interval: Duration
    private var waited: Duration = .zero
    private let limit: Duration

    /// RSeq starts anywhere in 1…2³¹−1 (§3); retransmissions start at T1 and double, for
    /// 64·T1 in all.
    public init(rseq: UInt32, inviteCSeq: UInt32, t1: Duration) {
        self.rseq = max(1, min(rseq, (1 << 31) - 1))
        self.inviteCSeq = inviteCSeq
        interval = t1
        limit = t1 * 64
    }

    /// How long to wait before sending the response again; nil once it was acknowledged
    /// or 64·T1 have passed (`gaveUp`).
    public mutating func nextWait() -> Duration? {
        guard !acknowledged, waited < limit else { return nil }
        let wait = min(interval, limit - waited)
        waited += wait
        interval *= 2
        return wait
    }

    /// No PRACK came in 64·T1: the INVITE is to be refused with a 5xx (§3).
    public var gaveUp: Bool { !acknowledged && waited >= limit }

    /// A PRACK's RAck ("RSeq CSeq-number INVITE"): true when it acknowledges this response.
    public mutating func receive(rack: String) -> Bool {
        let parts = rack.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 3, UInt32(parts[0]) == rseq, UInt32(parts[1]) == inviteCSeq,
              parts[2].uppercased() == "INVITE" else { return false }
        acknowledged = true
        return true
    }
}
