import UserAgent

/// A registration machine on a virtual clock: records what it sends and reports, keeps
/// its armed timers and fires them as time advances.
struct VirtualRegistration {
    var machine: RegistrationMachine
    var now: Duration = .zero
    /// Deadlines of the armed timers.
    var timers: [RegistrationTimer: Duration] = [:]
    var sent: [RegisterPlan] = []
    var reports: [RegistrationState] = []
    var stopped = 0

    static let home = ContactAddress(host: "192.168.1.20", port: 5060)
    static let outside = ContactAddress(host: "203.0.113.9", port: 40123)

    init(policy: RegistrationPolicy = RegistrationPolicy(expires: 600)) {
        machine = RegistrationMachine(policy: policy)
    }

    var state: RegistrationState { machine.state }
    var lastSent: RegisterPlan? { sent.last }

    @discardableResult
    mutating func feed(_ event: RegistrationEvent) -> [RegistrationAction] {
        let actions = machine.handle(event)
        for action in actions {
            switch action {
            case .send(let plan): sent.append(plan)
            case .startTimer(let timer, let delay): timers[timer] = now + delay
            case .cancelTimer(let timer): timers[timer] = nil
            case .report(let state): reports.append(state)
            case .stopped: stopped += 1
            }
        }
        return actions
    }

    mutating func reply(_ reply: RegistrationReply, jitter: Double = 0) {
        feed(.reply(reply, jitter: jitter))
    }

    /// Moves the clock, firing every timer that falls due, in deadline order.
    mutating func advance(by step: Duration) {
        let end = now + step
        while let (timer, deadline) = timers.filter({ $0.value <= end }).min(by: { $0.value < $1.value }) {
            now = deadline
            timers[timer] = nil
            feed(.timerFired(timer))
        }
        now = end
    }

    /// Started and registered for `granted` seconds (jitter 0: refresh at 80 %).
    static func registered(granted: Int = 600, policy: RegistrationPolicy = RegistrationPolicy(expires: 600))
        -> VirtualRegistration
    {
        var v = VirtualRegistration(policy: policy)
        v.feed(.start(contact: home))
        v.reply(.accepted(granted: granted, natAddress: nil))
        return v
    }
}
