/// One account's registration as a pure state machine: `handle(_:)` takes an event and
/// returns the actions to perform; it never reads a clock, never draws a random number and
/// never touches the network (`AccountRegistration` drives it).
///
/// unregistered → registering → registered → refreshing → registered …; a failure goes to
/// `failed` with a back-off timer (or with no retry for 403, 404 and rejected credentials);
/// `stop` unregisters our contact (never `*`).
public struct RegistrationMachine: Sendable, Equatable {
    public let policy: RegistrationPolicy
    public internal(set) var state: RegistrationState = .unregistered
    /// The contact registered, or being registered.
    public internal(set) var contact: ContactAddress?
    /// The lifetime asked for; a 423 raises it.
    public internal(set) var expires: Int
    /// Failures in a row, for the back-off exponent.
    public internal(set) var failures = 0
    /// A REGISTER is out and its reply is awaited.
    public internal(set) var inFlight = false
    /// The registrar may hold our binding: a 2xx came and no unregistration since.
    public internal(set) var bound = false
    /// The request out, for resending it after a challenge.
    var plan: RegisterPlan?
    /// Challenges answered in the current attempt.
    var challenges = 0
    /// 423s obeyed in the current attempt.
    var tooBrief = 0
    /// Contact moves after NAT rebinding in the current attempt (a registrar reporting a
    /// new address every time must not keep us re-registering without pause).
    var rebinds = 0

    public init(policy: RegistrationPolicy) {
        self.policy = policy
        self.expires = max(1, policy.expires)
    }

    public mutating func handle(_ event: RegistrationEvent) -> [RegistrationAction] {
        switch event {
        case .start(let contact): return start(contact)
        case .refresh: return refreshNow()
        case .stop: return stop()
        case .reply(let reply, let jitter): return receive(reply, jitter: jitter)
        case .timerFired(let timer): return fire(timer)
        case .flowFailed: return flowFailed()
        case .addressChanged(let address):
            if !bound, !inFlight, rebinds == 0, contact != nil { contact = address }
            return []
        case .moved(let address): return moved(to: address)
        }
    }

    private mutating func start(_ address: ContactAddress) -> [RegistrationAction] {
        switch state {
        case .unregistered, .failed:
            contact = address
            failures = 0
            expires = max(1, policy.expires)
            return [.cancelTimer(.retry)] + beginAttempt(.registering)
        case .registering, .registered, .refreshing, .unregistering:
            return []
        }
    }

    private mutating func refreshNow() -> [RegistrationAction] {
        switch state {
        case .registered:
            return [.cancelTimer(.refresh)] + beginAttempt(.refreshing(expires: grantedOrAsked))
        case .failed, .unregistered:
            guard let contact else { return [] }
            return start(contact)
        case .registering, .refreshing, .unregistering:
            return []
        }
    }

    private mutating func stop() -> [RegistrationAction] {
        let cancels: [RegistrationAction] = [.cancelTimer(.refresh), .cancelTimer(.retry)]
        switch state {
        case .unregistering:
            return []
        case .unregistered:
            return cancels + [.stopped]
        case .registering, .registered, .refreshing, .failed:
            guard let contact, bound || inFlight else {
                inFlight = false
                return cancels + transition(to: .unregistered) + [.stopped]
            }
            challenges = 0
            return cancels + send(RegisterPlan(contact: contact, expires: 0)) + transition(to: .unregistering)
        }
    }

    private mutating func fire(_ timer: RegistrationTimer) -> [RegistrationAction] {
        switch (timer, state) {
        case (.refresh, .registered):
            return beginAttempt(.refreshing(expires: grantedOrAsked))
        case (.retry, .failed(_, _, retryIn: .some)):
            return beginAttempt(.registering)
        default:
            return []  // a timer that raced a state change
        }
    }

    private mutating func flowFailed() -> [RegistrationAction] {
        // The registrar can no longer reach us over that flow: register over a new one now.
        guard case .registered = state else { return [] }
        return [.cancelTimer(.refresh)] + beginAttempt(.registering)
    }

    /// A fresh attempt: counters reset, our current contact with the lifetime asked for.
    mutating func beginAttempt(_ next: RegistrationState) -> [RegistrationAction] {
        guard let contact else { return [] }
        challenges = 0
        tooBrief = 0
        rebinds = 0
        return send(RegisterPlan(contact: contact, expires: expires)) + transition(to: next)
    }

    mutating func send(_ plan: RegisterPlan) -> [RegistrationAction] {
        self.plan = plan
        inFlight = true
        return [.send(plan)]
    }

    mutating func transition(to next: RegistrationState) -> [RegistrationAction] {
        guard next != state else { return [] }
        state = next
        return [.report(next)]
    }

    /// The lifetime the registrar last granted, else the one asked for.
    var grantedOrAsked: Int {
        if case .registered(let granted) = state { return granted }
        if case .refreshing(let granted) = state { return granted }
        return expires
    }
}
