/// The ICE attribute of a Binding request: who the sender thinks controls, with its
/// tie-breaker (ICE-CONTROLLING / ICE-CONTROLLED, RFC 8445 §16.1).
public struct ICERoleAttribute: Hashable, Sendable {
    public var role: ICERole
    public var tieBreaker: UInt64

    public init(role: ICERole, tieBreaker: UInt64) {
        self.role = role
        self.tieBreaker = tieBreaker
    }
}

/// An outgoing connectivity check: a Binding request the owner encodes with USERNAME,
/// PRIORITY, USE-CANDIDATE and the role attribute, MESSAGE-INTEGRITY keyed with `key`,
/// and FINGERPRINT, then sends from `from` to `to`.
public struct ICECheck: Hashable, Sendable {
    public var transactionID: ICETransactionID
    public var from: ICEBase
    public var to: TransportAddress
    /// "remoteUfrag:localUfrag".
    public var username: String
    /// The priority of a peer-reflexive candidate learned from this check (§7.1.1).
    public var priority: UInt32
    public var useCandidate: Bool
    public var role: ICERoleAttribute
    /// The remote password: the MESSAGE-INTEGRITY key.
    public var key: String
    /// A retransmission of a check already sent (same transaction).
    public var isRetransmission: Bool
    /// A consent freshness check (RFC 7675) rather than a connectivity check.
    public var isConsent: Bool
}

/// An incoming Binding request, as the owner decoded it after checking its FINGERPRINT.
/// The owner checks MESSAGE-INTEGRITY with `ICEAgent.key(forUsername:)` first; a request
/// that fails it gets a 401 without reaching the agent (RFC 8489 §9.1.3).
public struct ICEIncomingRequest: Hashable, Sendable {
    public var transactionID: ICETransactionID
    public var username: String?
    public var priority: UInt32?
    public var useCandidate: Bool
    public var role: ICERoleAttribute?
    /// The socket (or TURN allocation) it arrived on.
    public var arrivedOn: ICEBase
    public var source: TransportAddress

    public init(
        transactionID: ICETransactionID, username: String?, priority: UInt32?, useCandidate: Bool = false,
        role: ICERoleAttribute?, arrivedOn: ICEBase, source: TransportAddress
    ) {
        self.transactionID = transactionID
        self.username = username
        self.priority = priority
        self.useCandidate = useCandidate
        self.role = role
        self.arrivedOn = arrivedOn
        self.source = source
    }
}

/// An incoming Binding response (integrity already checked with `key(forTransaction:)`).
public struct ICEIncomingResponse: Hashable, Sendable {
    public enum Result: Hashable, Sendable {
        /// Success with its XOR-MAPPED-ADDRESS.
        case success(mapped: TransportAddress)
        /// An error response's code (e.g. 487 Role Conflict).
        case failure(code: Int)
    }

    public var transactionID: ICETransactionID
    public var arrivedOn: ICEBase
    public var source: TransportAddress
    public var result: Result

    public init(transactionID: ICETransactionID, arrivedOn: ICEBase, source: TransportAddress, result: Result) {
        self.transactionID = transactionID
        self.arrivedOn = arrivedOn
        self.source = source
        self.result = result
    }
}

/// A response the owner encodes and sends back from `from` to `to`, keyed with `key`
/// (the local password) for MESSAGE-INTEGRITY; errors carry no XOR-MAPPED-ADDRESS.
public struct ICEResponse: Hashable, Sendable {
    public enum Result: Hashable, Sendable {
        case success(mapped: TransportAddress)
        /// 400 Bad Request, 401 Unauthorized, 487 Role Conflict.
        case failure(code: Int, reason: String)
    }

    public var transactionID: ICETransactionID
    public var from: ICEBase
    public var to: TransportAddress
    public var result: Result
    /// The MESSAGE-INTEGRITY key, nil when the request could not be authenticated.
    public var key: String?
}

/// What the agent asks its owner to do, or tells it.
public enum ICEOutput: Hashable, Sendable {
    case sendCheck(ICECheck)
    case sendResponse(ICEResponse)
    /// Media of `component` now goes through `pair` (sent from `pair.sendingBase` to
    /// `pair.destination`).
    case selected(component: Int, pair: ICECandidatePair)
    /// Every component has a selected pair.
    case completed
    case failed(ICEFailure)
    /// RFC 7675: stop sending media on this component.
    case consentLost(component: Int)
    /// A role conflict made this agent switch roles (§7.3.1.1).
    case roleChanged(ICERole)
    /// No pair worked for RTCP (component 2): the agent went on with RTP alone, and RTCP
    /// goes beside ICE to the signalled address (`failure` says what was tried).
    case rtcpDropped(ICEFailure)
}
