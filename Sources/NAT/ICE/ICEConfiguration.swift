/// The agent's timers and limits; the defaults follow RFC 8445 and RFC 7675.
public struct ICEConfiguration: Hashable, Sendable {
    /// Ta: one new check per interval (§14.2).
    public var pacing: Duration = .milliseconds(50)
    /// The lower bound of a check's first retransmission timeout (§14.3).
    public var minimumRTO: Duration = .milliseconds(500)
    /// Retransmission timeouts double up to this.
    public var maximumRTO: Duration = .seconds(3)
    /// Sends of one check, the first included, before its pair fails.
    public var maximumTransmissions = 5
    /// The check list's limit (§6.1.2.5).
    public var maximumPairs = 100
    /// How long the controlling agent waits after a component's first valid pair for
    /// better ones before it nominates (§8.1.1); nomination comes at once when every pair
    /// has been checked, and against an ICE-lite peer.
    public var nominationDelay: Duration = .milliseconds(500)
    /// How much longer the controlling agent waits when its best valid pair is relayed and
    /// direct pairs are still being checked: hole punching through two cone NATs needs a
    /// retransmission or two (each side's first check is dropped by the other's NAT), and
    /// a direct path beats the relay for the whole call. Media flows on the default
    /// candidates meanwhile.
    public var relayedNominationDelay: Duration = .milliseconds(2500)
    /// Consent checks on a selected pair come at a random time in this range (RFC 7675 §5.1).
    public var consentInterval: ClosedRange<Duration> = .seconds(4) ... .seconds(6)
    /// Consent is lost after this long without a response (RFC 7675 §5.1).
    public var consentTimeout: Duration = .seconds(30)
    /// Requests that arrive before the remote description are answered and remembered
    /// (§7.3.1.3) up to this many.
    public var maximumEarlyRequests = 16
    /// Remote candidates kept at most (those from SDP and peer-reflexive ones).
    public var maximumRemoteCandidates = 64
    /// Local candidates kept at most; beyond it no peer-reflexive ones are learned.
    public var maximumLocalCandidates = 64

    public init() {}
}
