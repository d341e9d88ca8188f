/// A call as front ends see it: one value per state change.
public struct CallSnapshot: Sendable, Equatable {
    public var id: CallNumber
    public var account: String
    public var direction: CallDirection
    /// The peer's URI (From of an incoming call, the dialled URI of an outgoing one).
    public var remoteURI: String
    public var remoteName: String?
    public var state: CallState
    /// Why the call ended (or failed), once it has.
    public var end: CallEnd?
    /// The call the user is talking on; at most one is current.
    public var isCurrent: Bool

    public init(id: CallNumber, account: String, direction: CallDirection, remoteURI: String,
                remoteName: String?, state: CallState, end: CallEnd? = nil, isCurrent: Bool = false) {
        self.id = id
        self.account = account
        self.direction = direction
        self.remoteURI = remoteURI
        self.remoteName = remoteName
        self.state = state
        self.end = end
        self.isCurrent = isCurrent
    }
}

public enum CallDirection: String, Sendable, Equatable {
    case outgoing, incoming
}

/// Who holds an established call.
public enum HoldState: String, Sendable, Equatable {
    case local, remote, both
}

/// The states a user sees.
public enum CallState: Sendable, Equatable {
    /// Outgoing: INVITE sent, nothing back yet.
    case trying
    /// Outgoing: 1xx without ringing (100 Trying from a proxy, 181, 182).
    case proceeding
    /// Outgoing: the far end rings (180).
    case ringing
    /// Outgoing: 183 with SDP, the network plays audio.
    case earlyMedia
    /// Incoming: ringing here, waiting for the user.
    case incoming
    case established
    case held(HoldState)
    /// BYE or CANCEL sent, waiting for the answer.
    case terminating
    case terminated
}

/// How a call ended, with a reason a person understands.
public struct CallEnd: Sendable, Equatable {
    public enum Reason: String, Sendable, Equatable {
        case localHangup = "hung up"
        case remoteHangup = "remote hung up"
        case cancelled = "cancelled"
        /// Incoming call that the caller gave up on before anyone answered.
        case missed = "missed"
        case busy = "busy"
        case declined = "declined"
        case notFound = "not found"
        case unavailable = "unavailable"
        case timeout = "no answer"
        case rejected = "rejected"
        case answeredElsewhere = "answered elsewhere"
        case redirected = "redirected"
        case failed = "failed"
        /// The process ended (killed, crashed) while the call was up; set at next start.
        case interrupted = "interrupted"
    }
    public var reason: Reason
    /// The SIP status code that ended it, if one did.
    public var code: Int?
    /// The reason phrase or a transport/timeout explanation.
    public var detail: String?

    public init(_ reason: Reason, code: Int? = nil, detail: String? = nil) {
        self.reason = reason
        self.code = code
        self.detail = detail
    }
}
