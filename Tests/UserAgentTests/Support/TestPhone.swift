import NIOCore
import NIOPosix
import SIPMessage
import SIPStack
import Testing
@testable import UserAgent

/// A whole pipit core on loopback with one account, and everything it reported.
final class TestPhone: Sendable {
    let ua: UserAgent
    let log: EventLog
    let address: String
    let port: UInt16
    let user: String

    /// `account` is adjusted further by `configure` (registrar, auto-answer …).
    static func start(_ user: String, transport: String = "udp", timing: CallMachine.Timing = .fast,
                      configure: (inout AccountConfig) -> Void = { _ in },
                      history: (any CallHistoryRecording)? = nil, strictInbound: Bool = true,
                      contacts: ContactBook? = nil, media: (any MediaNegotiating)? = nil,
                      hooks: HookSettings = .init()) async throws -> TestPhone {
        var account = AccountConfig(name: user, uri: try SIPURI.parse("sip:\(user)@127.0.0.1"))
        account.register = false
        account.codecs = ["pcmu", "pcma"]
        configure(&account)
        var config = PipitConfig(accounts: [account])
        config.network.listen = ["\(transport):127.0.0.1:0"]
        config.general.logLevel = .debug
        config.general.strictInbound = strictInbound
        config.hooks = hooks
        var stackConfig = SIPStack.Configuration()
        stackConfig.listen = config.network.listen
        stackConfig.timers.t1 = timing.t1
        let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: stackConfig)
        let ua = media.map { UserAgent(config: config, stack: stack, media: $0, timing: timing, history: history, contacts: contacts) }
            ?? UserAgent(config: config, stack: stack, timing: timing, history: history, contacts: contacts)
        let bound = try await ua.start()
        let phone = TestPhone(ua: ua, address: "127.0.0.1", port: bound[0].port, user: user)
        let log = phone.log
        let events = ua.events
        Task { for await event in events { await log.append(event) } }
        return phone
    }

    private init(ua: UserAgent, address: String, port: UInt16, user: String) {
        self.ua = ua
        self.log = EventLog()
        self.address = address
        self.port = port
        self.user = user
    }

    var uri: String { "sip:\(user)@\(address):\(port)" }

    func send(_ command: Command) async { await ua.handle(command) }

    /// Waits for a call event matching `predicate`; fails the test on timeout.
    @discardableResult
    func waitForCall(_ what: String, timeout: Duration = .seconds(5),
                     _ predicate: @escaping @Sendable (CallSnapshot) -> Bool) async throws -> CallSnapshot {
        let event = try await log.waitFor(what, timeout: timeout) {
            if case .call(let call) = $0 { return predicate(call) }
            return false
        }
        guard case .call(let call) = event else { throw TestPhoneError.timeout(what) }
        return call
    }

    func waitForState(_ state: CallState, call id: CallNumber? = nil, timeout: Duration = .seconds(5)) async throws -> CallSnapshot {
        try await waitForCall("\(user): call \(id.map(String.init) ?? "any") \(state)", timeout: timeout) {
            $0.state == state && (id == nil || $0.id == id)
        }
    }

    func stop() async { await ua.shutdown(grace: .seconds(2)) }
}

extension CallMachine.Timing {
    /// Loopback timings: short T1 so ACK waits and retransmissions happen within a test.
    static var fast: Self {
        var t = Self()
        t.t1 = .milliseconds(100)
        t.t2 = .milliseconds(400)
        t.ringTimeout = .seconds(20)
        // RFC 3261 §14.1's glare back-off, a tenth as long.
        t.glareBackoffAsCaller = 210...400
        t.glareBackoffAsCallee = 0...200
        return t
    }
}

enum TestPhoneError: Error { case timeout(String) }

/// Everything a phone reported, and waiting for something to show up.
actor EventLog {
    private(set) var events: [Event] = []
    private var waiters: [(id: Int, predicate: @Sendable (Event) -> Bool, continuation: CheckedContinuation<Event?, Never>)] = []
    private var nextWaiter = 0

    func append(_ event: Event) {
        events.append(event)
        for waiter in waiters where waiter.predicate(event) {
            waiters.removeAll { $0.id == waiter.id }
            waiter.continuation.resume(returning: event)
        }
    }

    @discardableResult
    func waitFor(_ what: String, timeout: Duration, _ predicate: @escaping @Sendable (Event) -> Bool) async throws -> Event {
        if let found = events.first(where: predicate) { return found }
        let id = nextWaiter
        nextWaiter += 1
        let result: Event? = await withCheckedContinuation { continuation in
            waiters.append((id, predicate, continuation))
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
        }
        guard let result else {
            let seen = events.map { "\($0)" }.suffix(15).joined(separator: "\n  ")
            Issue.record("timed out waiting for \(what); last events:\n  \(seen)")
            throw TestPhoneError.timeout(what)
        }
        return result
    }

    private func expire(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(returning: nil)
    }

    /// Clears what was seen so the next wait sees only new events.
    func reset() { events = [] }

    func calls(_ id: CallNumber) -> [CallSnapshot] {
        events.compactMap { if case .call(let c) = $0, c.id == id { c } else { nil } }
    }
}
