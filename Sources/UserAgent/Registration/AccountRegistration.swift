import NAT
import SIPMessage
import SIPStack

/// Keeps one account registered over a `SIPStack`: builds and sends the REGISTERs a
/// `RegistrationMachine` asks for, answers digest challenges, runs its timers, holds the
/// flow the registration uses and keeps it alive.
///
/// The core creates one per account that registers, forwards the stack's events to
/// `handle(_:)` (the stack has one event stream), and reads `contact` for the Contact of
/// its INVITEs. State changes go to `onStateChange`, in order.
public actor AccountRegistration {
    /// Tunables; tests shrink the times.
    public struct Options: Sendable {
        /// Back-off, refresh window; `expires` is taken from the account.
        public var policy = RegistrationPolicy()
        public var userAgent = "pipit"
        /// How long `stop()` waits for the unregistration's answer.
        public var unregisterTimeout: Duration = .seconds(2)
        /// CRLF keep-alives towards the registrar over UDP (keeps a NAT binding open);
        /// nil: none.
        public var udpKeepAlive: Duration? = .seconds(25)
        /// CRLF ping-pong on the registration's TCP/TLS connection (RFC 5626 §4.4.1); nil: none.
        public var connectionKeepAlive: Duration? = .seconds(90)
        /// Where to learn the SIP socket's public address when the registrar's answers have
        /// no `received`/`rport` (UDP only); nil: never.
        public var stunServer: TransportAddress?
        /// Called when a registered Contact moved (the NAT maps us anew: a new
        /// `received`/`rport`, or a new STUN answer): calls should restart ICE.
        public var onPublicAddressChange: (@Sendable () -> Void)?
        /// The source of jitter and of the Call-ID and tag.
        public var random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
        public init() {}
    }

    public nonisolated let account: AccountConfig
    let stack: SIPStack
    let options: Options
    let onStateChange: @Sendable (RegistrationState) -> Void
    let log: @Sendable (String) -> Void
    let builder: RegisterRequestBuilder
    var machine: RegistrationMachine
    var digest: DigestClient
    var random: any RandomNumberGenerator & Sendable
    var cseq = 0
    /// Bumped for every REGISTER sent: outcomes of older ones are dropped.
    var generation = 0
    /// DigestClient's answer to the last challenge, to resend.
    var challengeAnswer: SIPRequest?
    var timers: [RegistrationTimer: (id: Int, task: Task<Void, Never>)] = [:]
    var nextTimerID = 0
    /// Where REGISTERs go: the located next hops (one transport), the one that answered
    /// last, and the connection to it (TCP/TLS).
    var hops: [SIPTarget] = []
    var target: SIPTarget?
    var flow: FlowID?
    var transport: SIPTransport?
    var keepAlive: (handle: KeepAliveHandle, target: SIPTarget, flow: FlowID?)?
    var stopWaiters: [CheckedContinuation<Void, Never>] = []
    /// A STUN probe of the SIP socket's public address in flight, and who waits for it.
    var stunProbe: (client: STUNBindingClient, target: SIPTarget)?
    var stunDone: CheckedContinuation<ContactAddress?, Never>?
    /// The periodic STUN check of the public address (UDP, with a STUN server).
    var stunWatch: Task<Void, Never>?
    /// The user wants the account registered: a `stop()` while `start()` looks the registrar
    /// up wins.
    var wanted = false
    /// Counts `stop()` calls that sent an unregistration, to match their deadlines.
    var stopRound = 0
    /// The local address `locate()` last found for the Contact (before any NAT rebinding):
    /// a network change that moves it re-registers at once.
    var located: ContactAddress?

    /// - Parameters:
    ///   - password: already resolved (a literal or `password_command`'s output); nil when
    ///     the account has none (a challenge then fails with "no credentials").
    ///   - onStateChange: every state change, in order.
    ///   - log: one line per exchange; never carries the password or credentials.
    public init(account: AccountConfig, password: Secret?, stack: SIPStack, options: Options = .init(),
                onStateChange: @escaping @Sendable (RegistrationState) -> Void,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.account = account
        self.stack = stack
        self.options = options
        self.onStateChange = onStateChange
        self.log = log
        var policy = options.policy
        policy.expires = account.expires
        machine = RegistrationMachine(policy: policy)
        var random = options.random
        let user = account.authUser
        digest = DigestClient(credentials: { _ in password.map { SIPCredentials(username: user, password: $0.value) } },
                              random: options.random)
        let callID = "reg-" + Self.hex(random.next()) + Self.hex(random.next())
        builder = RegisterRequestBuilder(account: account, callID: callID, fromTag: Self.hex(random.next()),
                                         userAgent: options.userAgent)
        self.random = random
    }

    /// Where registration stands.
    public var state: RegistrationState { machine.state }

    /// The Contact URI in effect (after any NAT rebinding), for the Contact of requests the
    /// account sends; nil before the first REGISTER.
    public var contact: SIPURI? {
        guard let address = machine.contact, let transport else { return nil }
        return builder.contactURI(address, transport: transport)
    }

    /// The Call-ID every REGISTER of this account carries.
    public nonisolated var callID: String { builder.callID }

    /// Starts registering (no-op for an account with `register = false`, or when running).
    public func start() async {
        guard account.register else { return }
        wanted = true
        let address = await locate()
        guard wanted else { return }
        apply(.start(contact: address ?? Self.unknownAddress))
    }

    /// Registers now: refreshes a binding, or retries at once after a failure.
    public func refresh() async {
        guard machine.contact != nil else { return await start() }
        wanted = true
        if !machine.bound, let address = await locate() { apply(.addressChanged(address)) }
        apply(.refresh)
    }

    /// Removes our binding (`expires=0` for our contact only) and stops. Waits for the
    /// registrar's answer at most `unregisterTimeout`.
    public func stop() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            stopWaiters.append(waiter)
            wanted = false
            apply(.stop)
            guard case .unregistering = machine.state else { return }
            stopRound += 1
            let round = stopRound
            let timeout = options.unregisterTimeout
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.unregisterTimedOut(round: round)
            }
        }
        cancelKeepAlive()
    }

    /// A stack event: the registration's connection going down triggers re-registration.
    public func handle(_ event: StackEvent) {
        switch event {
        case .flowDown(let down, _) where down == flow:
            log("\(account.name): connection \(down) to the registrar went down")
            flow = nil
            cancelKeepAlive()
            apply(.flowFailed)
        case .keepAlive(let to, alive: false) where to == target && flow == nil:
            apply(.flowFailed)
        case .stunReceived(let bytes, let source):
            stunReceived(bytes, from: source)
        default:
            break
        }
    }

    /// Feeds the machine and performs what it asks.
    func apply(_ event: RegistrationEvent) {
        for action in machine.handle(event) { perform(action) }
    }

    private func perform(_ action: RegistrationAction) {
        switch action {
        case .send(let plan): send(plan)
        case .startTimer(let timer, let delay): arm(timer, after: delay)
        case .cancelTimer(let timer):
            timers[timer]?.task.cancel()
            timers[timer] = nil
        case .report(let state):
            log("\(account.name): \(Self.describe(state))")
            updateKeepAlive(for: state)
            onStateChange(state)
        case .stopped:
            let waiters = stopWaiters
            stopWaiters = []
            waiters.forEach { $0.resume() }
        }
    }

    private func arm(_ timer: RegistrationTimer, after delay: Duration) {
        timers[timer]?.task.cancel()
        nextTimerID += 1
        let id = nextTimerID
        let task = Task { [weak self] in
            try? await Task.sleep(for: delay)
            guard !Task.isCancelled else { return }
            await self?.timerFired(timer, id: id)
        }
        timers[timer] = (id, task)
    }

    private func timerFired(_ timer: RegistrationTimer, id: Int) async {
        guard timers[timer]?.id == id else { return }
        timers[timer] = nil
        if timer == .retry, !machine.bound, let address = await locate() { apply(.addressChanged(address)) }
        apply(.timerFired(timer))
    }

    /// One deadline for the whole unregistration, challenge round included.
    private func unregisterTimedOut(round: Int) {
        guard round == stopRound, case .unregistering = machine.state else { return }
        generation += 1  // the late answer, if any, no longer counts
        apply(.reply(.noResponse(reason: "no answer to the unregistration"), jitter: jitter()))
    }

    /// A number in 0…1 for the machine's random waits.
    func jitter() -> Double {
        Double(random.next() >> 11) / Double(UInt64(1) << 53)
    }

    /// Placeholder before the registrar was ever located; never sent (`send` fails first).
    static let unknownAddress = ContactAddress(host: "0.0.0.0", port: 0)

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A duration as seconds with one decimal.
    static func seconds(_ duration: Duration) -> String {
        let tenths = duration.components.seconds * 10 + duration.components.attoseconds / 100_000_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func describe(_ state: RegistrationState) -> String {
        switch state {
        case .unregistered: "unregistered"
        case .registering: "registering"
        case .registered(let expires): "registered for \(expires) s"
        case .refreshing: "refreshing"
        case .unregistering: "unregistering"
        case .failed(let reason, let code, let retryIn):
            "registration failed: \(reason)" + (code.map { " (\($0))" } ?? "")
                + (retryIn.map { ", retrying in \(seconds($0)) s" } ?? ", not retrying")
        }
    }
}
