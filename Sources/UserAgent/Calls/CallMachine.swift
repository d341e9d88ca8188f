import Hashing
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
        /// RFC 3261 §14.1: after a 491 the side that chose the Call-ID (the caller) waits
        /// 2.1–4 s before trying its re-INVITE again, the other side 0–2 s, in 10 ms steps.
        public var glareBackoffAsCaller: ClosedRange<Int> = 2100...4000
        public var glareBackoffAsCallee: ClosedRange<Int> = 0...2000
        /// 491s in a row after which a hold or resume is given up.
        public var maxGlareRetries = 5
        /// Session timers (RFC 4028): the interval we ask for, and the least we accept.
        public var sessionExpires = 1800
        public var minimumSessionExpires = 90
        /// The pause before a failed voicemail subscription is tried again.
        public var mwiRetry: Duration = .seconds(300)
        /// How long a transfer we asked for waits for the peer's final NOTIFY.
        public var transferPatience: Duration = .seconds(60)
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
    /// A re-INVITE of ours is out (or waits to be retried after a 491); true when it
    /// asks for hold.
    var reinviteHold: Bool?
    /// Our re-INVITE met a 491 and waits out the back-off (`.glareRetry`).
    var glareWaiting = false
    var glareRetries = 0
    /// Hold (true) or resume asked for while our 2xx waits for its ACK: no re-INVITE may
    /// go before it (§14.1), so it goes right after.
    var holdAfterACK: Bool?
    /// Forward the ringing call here when nobody answers within `forwardNoAnswerAfter`.
    public var forwardOnNoAnswer: String?
    public var forwardNoAnswerAfter: Duration = .seconds(20)
    /// Draws the glare back-off; seeded, so tests are repeatable.
    var random: SplitMix64
    var retransmitInterval: Duration

    /// `seed` feeds the random glare back-off (RFC 3261 §14.1).
    public init(direction: CallDirection, timing: Timing = .init(), seed: UInt64 = .random(in: 0...UInt64.max)) {
        self.direction = direction
        self.timing = timing
        self.random = SplitMix64(seed: seed)
        self.phase = direction == .outgoing ? .calling : .incoming
        self.retransmitInterval = timing.t1
    }

    /// The actions to start with: an incoming call rings and arms its ring timeout.
    public func startActions() -> [CallAction] {
        guard direction == .incoming else { return [.report] }
        let forward: [CallAction] = forwardOnNoAnswer == nil ? [] : [.startTimer(.noAnswerForward, after: forwardNoAnswerAfter)]
        return [.startTimer(.ringTimeout, after: timing.ringTimeout)] + forward + [.report]
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
