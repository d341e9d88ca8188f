import Hashing
/// A full ICE agent (RFC 8445) for one media stream of one or two components, with
/// regular nomination, ICE restart and consent freshness (RFC 7675).
///
/// Pure: the owner (the media thread) feeds it candidates, the remote description,
/// decoded Binding requests and responses, and the time; it answers with `ICEOutput`s
/// (checks and responses to encode and send, selected pairs, failure) which the owner
/// takes with `drainOutputs(into:)`, and tells when to call `tick(now:)` next through
/// `nextDeadline`.
///
///     new ──setRemote──▶ running ──every component selected──▶ completed
///                          │  └──every pair failed──▶ failed(reason)
///                          └──restart──▶ new   (the old selected pairs carry media meanwhile)
///     completed ──no consent for 30 s──▶ failed(consentLost)
public struct ICEAgent: Sendable {
    public let configuration: ICEConfiguration
    /// 1 (RTP with rtcp-mux) or 2 (RTP and RTCP); 2 becomes 1 with `dropRTCPComponent()`.
    public internal(set) var componentCount: Int
    public internal(set) var role: ICERole
    /// This agent's tie-breaker for role conflicts (§7.3.1.1).
    public let tieBreaker: UInt64
    public internal(set) var localCredentials: ICECredentials
    /// The credentials before the last restart, still answered until the new checks select
    /// pairs, so that the peer's consent checks on the old pair keep succeeding.
    var previousLocalCredentials: ICECredentials?
    public internal(set) var remoteCredentials: ICECredentials?
    public internal(set) var remoteIsLite = false
    public internal(set) var localCandidates: [ICECandidate] = []
    public internal(set) var remoteCandidates: [ICECandidate] = []
    public internal(set) var state: ICEState = .new
    /// The pair each component's media goes through now.
    public internal(set) var selectedPairs: [Int: ICECandidatePair] = [:]

    var random: SplitMix64
    var foundations: [ICEFoundationKey: String] = [:]
    var checkList: [ICECheckedPair] = []
    var validList: [ICEValidPair] = []
    var triggeredQueue: [ICETriggeredCheck] = []
    var transactions: [ICETransactionID: ICETransaction] = [:]
    var nextPairID = 0
    var startedAt: ContinuousClock.Instant?
    var lastCheckSent: ContinuousClock.Instant?
    /// Per component: when the controlling agent nominates.
    var nominationDue: [Int: ContinuousClock.Instant] = [:]
    /// Components whose nomination already waited longer for direct pairs (relayed best).
    var relayWaitExtended: Set<Int> = []
    /// Components whose nominating check is in flight.
    var nominating: Set<Int> = []
    /// Components that selected a pair since the last (re)start.
    var selectedSinceStart: Set<Int> = []
    var consent: [Int: ICEConsent] = [:]
    var earlyRequests: [ICEIncomingRequest] = []
    var outputs: [ICEOutput] = []

    /// A new agent with fresh credentials and tie-breaker from `generator`. The offerer is
    /// normally controlling (§6.1.1); against an ICE-lite peer the agent always controls.
    public init(
        role: ICERole, componentCount: Int = 1, configuration: ICEConfiguration = ICEConfiguration(),
        using generator: inout some RandomNumberGenerator
    ) {
        precondition((1...2).contains(componentCount), "ICE streams have one or two components")
        self.role = role
        self.componentCount = componentCount
        self.configuration = configuration
        localCredentials = .random(using: &generator)
        tieBreaker = generator.next()
        random = SplitMix64(seed: generator.next())
    }

    /// Moves the pending outputs into `buffer` (appending), keeping the agent's storage.
    public mutating func drainOutputs(into buffer: inout [ICEOutput]) {
        buffer.append(contentsOf: outputs)
        outputs.removeAll(keepingCapacity: true)
    }

    /// The pending outputs, taken (for tests and simple owners).
    public mutating func takeOutputs() -> [ICEOutput] {
        var taken: [ICEOutput] = []
        drainOutputs(into: &taken)
        return taken
    }

    /// The MESSAGE-INTEGRITY key of an incoming request's USERNAME ("ourUfrag:theirUfrag"):
    /// the local password, or the previous one during a restart; nil for a stranger.
    public func key(forUsername username: String) -> String? {
        guard let ours = username.split(separator: ":", maxSplits: 1).first else { return nil }
        if ours == localCredentials.ufrag { return localCredentials.pwd }
        if let previous = previousLocalCredentials, ours == previous.ufrag { return previous.pwd }
        return nil
    }

    /// The MESSAGE-INTEGRITY key of a response to one of this agent's checks; nil when the
    /// transaction is not (or no longer) ours.
    public func key(forTransaction id: ICETransactionID) -> String? {
        transactions[id]?.check.key
    }

    /// The candidate pairs and their states, highest priority first (for `nat status`).
    public var pairs: [(pair: ICECandidatePair, state: ICEPairState)] {
        checkList.map { ($0.pair, $0.state) }
    }

    /// The pairs that answered (the valid list, §7.2.5.3.2), with whether each is nominated.
    public var validPairs: [(pair: ICECandidatePair, nominated: Bool)] {
        validList.map { ($0.pair, $0.nominated) }
    }

    /// When `tick(now:)` must be called next; nil when nothing is scheduled.
    public var nextDeadline: ContinuousClock.Instant? {
        var earliest: ContinuousClock.Instant?
        func consider(_ t: ContinuousClock.Instant?) {
            guard let t else { return }
            if earliest.map({ t < $0 }) ?? true { earliest = t }
        }
        if state == .running || state == .completed, hasCheckToSend {
            consider(lastCheckSent.map { $0 + configuration.pacing } ?? startedAt)
        }
        for t in transactions.values { consider(t.nextTime) }
        if role == .controlling, state == .running {
            for (component, due) in nominationDue where !nominating.contains(component) && !selectedSinceStart.contains(component)
                && validList.contains(where: { $0.pair.component == component }) {
                consider(due)
            }
        }
        for c in consent.values where !c.lost {
            consider(c.nextCheck)
            consider(c.lastResponse + configuration.consentTimeout)
        }
        return earliest
    }

    /// Advances the timers: retransmissions, the next paced check, nomination, consent.
    public mutating func tick(now: ContinuousClock.Instant) {
        retransmit(now: now)
        switch state {
        case .running:
            nominateIfDue(now: now)
            sendNextCheck(now: now)
            evaluate(now: now)
        case .completed:
            // Triggered checks still go out: the controlling peer may nominate another pair.
            sendNextCheck(now: now)
        case .new, .failed:
            break
        }
        refreshConsent(now: now)
    }

    mutating func emit(_ output: ICEOutput) { outputs.append(output) }

    mutating func newTransactionID() -> ICETransactionID { .random(using: &random) }
}

// MARK: - Internal records

struct ICEFoundationKey: Hashable, Sendable {
    var kind: ICECandidate.Kind
    var baseHost: [UInt8]
    var server: [UInt8]?
}

/// A pair in the check list.
struct ICECheckedPair: Sendable {
    var id: Int
    var pair: ICECandidatePair
    var priority: UInt64
    var state: ICEPairState
    /// The controlled agent saw USE-CANDIDATE on this pair (§7.3.1.5).
    var remoteNominated = false

    var foundation: String { pair.local.foundation + "/" + pair.remote.foundation }
}

struct ICEValidPair: Sendable {
    var pair: ICECandidatePair
    var priority: UInt64
    var nominated: Bool
    var checkedPairID: Int
}

struct ICETriggeredCheck: Sendable, Equatable {
    var pairID: Int
    var useCandidate: Bool
}

struct ICETransaction: Sendable {
    var check: ICECheck
    /// The checked pair, nil for a consent check.
    var pairID: Int?
    /// The component of a consent check.
    var consentComponent: Int?
    var sends: Int
    var rto: Duration
    var nextTime: ContinuousClock.Instant
}

/// RFC 7675 state of one component's selected pair.
struct ICEConsent: Sendable {
    var pair: ICECandidatePair
    /// The credentials in force when the pair was selected (a restart changes the agent's).
    var username: String
    var key: String
    var nextCheck: ContinuousClock.Instant
    var lastResponse: ContinuousClock.Instant
    var lost = false
}
