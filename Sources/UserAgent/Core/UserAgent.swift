import Media
import NIOCore
import SIPMessage
import SIPStack

/// pipit's brain: accounts, calls and their dialogs, driven by `Command`s, reporting
/// `Event`s. Front ends use nothing else.
///
/// It runs on the SIP stack's event loop (its executor is the loop), so its state and
/// the stack's live on the same thread, as DESIGN.md asks.
public actor UserAgent {
    public nonisolated let events: AsyncStream<Event>
    let sink: AsyncStream<Event>.Continuation
    public nonisolated let stack: SIPStack
    nonisolated let eventLoop: any EventLoop
    public nonisolated var unownedExecutor: UnownedSerialExecutor { eventLoop.executor.asUnownedSerialExecutor() }

    var config: PipitConfig
    let media: any MediaNegotiating
    let timing: CallMachine.Timing
    /// Wall-clock milliseconds since the epoch, for history.
    let now: @Sendable () -> Int64
    var history: (any CallHistoryRecording)?
    /// Names for callers and the `contacts` command; nil without a database.
    let contactBook: ContactBook?

    var calls: [CallNumber: CallLeg] = [:]
    /// Voicemail subscriptions and what they last said, by account name.
    var voicemailBoxes: [String: VoicemailBox] = [:]
    /// The last message summary per account, subscribed or not (for `voicemail`).
    var lastVoicemailSummary: [String: MessageSummary] = [:]
    /// `dnd on`: incoming calls are refused.
    var doNotDisturb = false
    /// What `[hooks]` remember between events.
    var hookBook = HookBook()
    /// Forwarding changed by the `forward` command, per account name (else the account's).
    var forwardingOverrides: [String: IncomingCallPolicy.Forwarding] = [:]
    /// `autoanswer` changes by account name: on or off, and the delay in seconds.
    var autoAnswerOverrides: [String: (on: Bool, delay: Int)] = [:]
    /// What `redial` calls: the last target typed, and the account asked for.
    var lastDialled: (target: String, account: String?)?
    var nextCallID: CallNumber = 1
    var digests: [String: DigestClient] = [:]
    var passwords: [String: Secret] = [:]
    var policy: StrayPolicy
    var strayLog = StrayLog()
    var registrations: [String: AccountRegistration] = [:]
    var registrationStates: [String: RegistrationState] = [:]
    /// Registration state changes, in the order they happened.
    let registrationChanges: AsyncStream<(String, RegistrationState)>.Continuation
    let registrationChangeStream: AsyncStream<(String, RegistrationState)>
    /// Registration timing (tests shorten the back-off); nil takes the defaults.
    let registrationPolicy: RegistrationPolicy?
    /// The registrar/proxy addresses of each registered account (see `updateTrust`).
    var trustedByAccount: [String: Set<String>] = [:]
    var listeners: [BoundListener] = []
    var isShuttingDown = false
    /// Waiters for `shutdown`: resumed when the last call is gone.
    var idleWaiters: [CheckedContinuation<Void, Never>] = []
    var idleTimeout: Scheduled<Void>?
    /// The echo test's far end, once `echo` was dialled (see UserAgent+EchoTest.swift).
    var echoService: EchoService?
    /// Notices changes of this machine's addresses (see UserAgent+InterfaceChange.swift).
    var interfaceWatcher: InterfaceWatcher?

    public init(config: PipitConfig, stack: SIPStack, media: any MediaNegotiating = SignallingOnlyMedia(),
                timing: CallMachine.Timing = .init(), history: (any CallHistoryRecording)? = nil,
                registrationPolicy: RegistrationPolicy? = nil, contacts: ContactBook? = nil,
                now: @escaping @Sendable () -> Int64 = UserAgent.wallClock) {
        self.registrationPolicy = registrationPolicy
        self.contactBook = contacts
        (registrationChangeStream, registrationChanges) = AsyncStream.makeStream()
        self.config = config
        self.stack = stack
        self.eventLoop = stack.eventLoop
        self.media = media
        var timing = timing
        timing.maxRedirects = config.general.maxRedirects
        self.timing = timing
        self.history = history
        self.now = now
        self.policy = StrayPolicy(strict: config.general.strictInbound)
        (events, sink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(4096))
    }

    /// Opens the listeners and starts taking requests. Returns what was bound.
    public func start() async throws -> [BoundListener] {
        listeners = try await stack.start()
        updatePolicy()
        let incoming = stack.incomingRequests
        let dialogMessages = stack.dialogMessages
        Task { [self] in
            for await request in incoming { await self.receive(request) }
        }
        Task { [self] in
            for await message in dialogMessages { await self.receiveOutsideTransaction(message) }
        }
        let stackEvents = stack.events
        Task { [self] in
            for await event in stackEvents {
                for registration in self.registrations.values { await registration.handle(event) }
            }
        }
        let changes = registrationChangeStream
        Task { [self] in
            for await (name, state) in changes { self.registrationChanged(name, state) }
        }
        if let engine = media as? EngineMedia {
            let mediaEvents = engine.events
            Task { [self] in
                for await event in mediaEvents { await self.mediaEvent(event) }
            }
            startInterfaceWatch()
        }
        for account in config.accounts {
            if case .literal(let secret) = account.password { passwords[account.name] = secret }
        }
        log(.info, "listening on " + listeners.map(\.description).joined(separator: ", "))
        await startRegistrations()
        startVoicemailSubscriptions()
        return listeners
    }

    /// Provides a password resolved elsewhere (`password_command`).
    public func setPassword(_ secret: Secret, for account: String) {
        passwords[account] = secret
        digests[account] = nil
    }

    /// Hangs up every call (waiting for them to end, at most `grace`) and stops the stack.
    public func shutdown(grace: Duration = .seconds(3)) async {
        isShuttingDown = true
        for leg in calls.values { hangup(leg) }
        if !calls.isEmpty {
            await withCheckedContinuation { continuation in
                idleWaiters.append(continuation)
                let timeout = eventLoop.scheduleTask(in: TimeAmount(grace)) { _ = Task { await self.resumeIdleWaiters() } }
                idleTimeout = timeout
            }
            idleTimeout?.cancel()
            for leg in calls.values {
                log(.warning, "call \(leg.id) did not end in time (\(leg.machine.phase)); ending it without the peer")
                finishForcibly(leg)
            }
        }
        stopInterfaceWatch()
        await media.finish()
        await echoService?.agent.shutdown()
        for box in voicemailBoxes.values { box.timer?.cancel() }
        await unsubscribeVoicemail(within: .seconds(1))
        await stopAllRegistrations()
        registrationChanges.finish()
        sink.finish()
        try? await stack.shutdown()
    }

    /// Wakes `shutdown`: the last call is gone, or the grace period is over.
    func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters = []
        waiters.forEach { $0.resume() }
    }

    func emit(_ event: Event) {
        media.observe(event)
        sink.yield(event)
        runHooks(for: event)
    }

    func log(_ level: LogLevel, _ text: String) {
        guard level <= config.general.logLevel else { return }
        emit(.log(level: level, text))
    }

    /// Local accounts answer on their own URI and on every address we listen on.
    func updatePolicy() {
        var policy = StrayPolicy(strict: config.general.strictInbound)
        let ours = Set(listeners.map(\.address))
        policy.localAccounts = config.accounts.filter(\.isLocal).map { account in
            StrayPolicy.LocalAddress(user: account.uri.user, hosts: ours.union([account.uri.host.description]))
        }
        policy.trustedSources = Set(trustedByAccount.values.joined())
        self.policy = policy
    }

    public static let wallClock: @Sendable () -> Int64 = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Where call history goes (the SQLite store in production).
public protocol CallHistoryRecording: Sendable {
    /// Called at every state change of a call, so a crash loses nothing. Must not block:
    /// it is called on the signalling loop.
    func record(_ call: CallSnapshot, recordID: String, startedAt: Int64, answeredAt: Int64?, endedAt: Int64?)
    /// Called for each message sent (once its fate is known) or received. Must not block.
    func recordMessage(_ message: MessageRecord)
}

extension CallHistoryRecording {
    public func recordMessage(_ message: MessageRecord) {}
}
