/// One call's state machine: an input in, the new state and the actions out
/// (`handle(_:)`). Pure — no clock, no network: timers are actions and come back as
/// `.timerFired`. The RFC 3261 dialog details (tags, routes, CSeq) live in `Dialog`.
public struct CallMachine: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        /// Outgoing: INVITE sent, no response.
        case calling
        /// Outgoing: a 1xx other than ringing.
        case proceeding
        case ringing
        case earlyMedia
        /// Incoming, not answered yet.
        case incoming
        /// Incoming: our 2xx is out, its ACK has not come.
        case answering
        case established
        /// BYE or CANCEL sent (or a CANCEL waiting for the first 1xx).
        case terminating
        case terminated(CallEnd)
    }

    /// Durations the machine asks timers for.
    public struct Timing: Sendable, Equatable {
        public var t1: Duration = .milliseconds(500)
        public var t2: Duration = .seconds(4)
        public var ringTimeout: Duration = .seconds(180)
        public var maxRedirects = 5
        public init() {}
    }

    public let direction: CallDirection
    public let timing: Timing
    public internal(set) var phase: Phase
    public internal(set) var localHold = false
    public internal(set) var remoteHold = false
    /// The user hung up before any 1xx: CANCEL must wait for one (§9.1).
    var cancelWhenProvisional = false
    /// The user hung up while our 2xx waited for its ACK: BYE once it comes (§15).
    var byeAfterACK = false
    /// What we are ending with, once terminating.
    var pendingEnd: CallEnd?
    var redirects = 0
    /// A re-INVITE of ours is out; true when it asks for hold.
    var reinviteHold: Bool?
    var retransmitInterval: Duration

    public init(direction: CallDirection, timing: Timing = .init()) {
        self.direction = direction
        self.timing = timing
        self.phase = direction == .outgoing ? .calling : .incoming
        self.retransmitInterval = timing.t1
    }

    /// The actions to start with: an incoming call rings and arms its ring timeout.
    public func startActions() -> [CallAction] {
        direction == .incoming ? [.startTimer(.ringTimeout, after: timing.ringTimeout), .report] : [.report]
    }

    /// The state as the user sees it.
    public var state: CallState {
        switch phase {
        case .calling: .trying
        case .proceeding: .proceeding
        case .ringing: .ringing
        case .earlyMedia: .earlyMedia
        case .incoming: .incoming
        case .answering: .established
        case .established:
            switch (localHold, remoteHold) {
            case (true, true): .held(.both)
            case (true, false): .held(.local)
            case (false, true): .held(.remote)
            case (false, false): .established
            }
        case .terminating: .terminating
        case .terminated: .terminated
        }
    }

    public var end: CallEnd? {
        if case .terminated(let end) = phase { return end }
        return nil
    }

    public var isOver: Bool { end != nil }

    /// True once the call has been answered (for history: the answer time).
    public var wasAnswered: Bool {
        switch phase {
        case .answering, .established: true
        default: false
        }
    }

    public mutating func handle(_ input: CallInput) -> [CallAction] {
        if case .terminated = phase { return [] }
        switch direction {
        case .outgoing:
            if let actions = outgoing(input) { return actions }
        case .incoming:
            if let actions = incoming(input) { return actions }
        }
        return common(input)
    }

    mutating func finish(_ end: CallEnd) -> [CallAction] {
        phase = .terminated(end)
        return [.report]
    }

    mutating func terminate(with end: CallEnd, _ actions: [CallAction]) -> [CallAction] {
        phase = .terminating
        pendingEnd = end
        return actions + [.report]
    }
}
