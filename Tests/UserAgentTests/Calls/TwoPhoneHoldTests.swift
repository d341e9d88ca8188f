import SDP
import Testing
@testable import UserAgent

/// Hold and resume between two pipit cores, with the SDP directions each side agreed,
/// and re-INVITE glare made to happen on purpose.
@Suite(.timeLimit(.minutes(1)))
struct TwoPhoneHoldTests {
    static func connected(bobMedia: (any MediaNegotiating)? = nil) async throws -> (TestPhone, TestPhone, CallNumber, CallNumber) {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob", media: bobMedia)
        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: ringing.id))
        let up = try await alice.waitForState(.established)
        _ = try await bob.waitForState(.established)
        return (alice, bob, up.id, ringing.id)
    }

    static func direction(_ phone: TestPhone, _ call: CallNumber) async -> Direction? {
        await phone.ua.mediaSession(of: call)?.negotiated().first?.direction
    }

    @Test func holdAndResumeBothWays() async throws {
        let (alice, bob, a, b) = try await Self.connected()
        await alice.send(.hold(call: nil))
        _ = try await alice.waitForState(.held(.local), call: a)
        _ = try await bob.waitForState(.held(.remote), call: b)
        #expect(await Self.direction(alice, a) == .sendonly)
        #expect(await Self.direction(bob, b) == .recvonly, "a sendonly offer is answered recvonly")
        // Both allow UPDATE (RFC 3311), so the offer went that way, not by re-INVITE.
        #expect(await alice.log.events.contains { $0 == .log(level: .debug, "call \(a): new offer by UPDATE (hold)") })

        // Bob holds too: his offer is inactive (he is held), Alice answers inactive.
        await bob.send(.hold(call: nil))
        _ = try await bob.waitForState(.held(.both), call: b)
        _ = try await alice.waitForState(.held(.both), call: a)
        #expect(await Self.direction(bob, b) == .inactive)
        #expect(await Self.direction(alice, a) == .inactive)

        await alice.send(.resume(call: nil))
        _ = try await alice.waitForState(.held(.remote), call: a)
        _ = try await bob.waitForState(.held(.local), call: b)
        #expect(await Self.direction(alice, a) == .recvonly)
        await alice.log.reset()
        await bob.log.reset()
        await bob.send(.resume(call: b))
        _ = try await bob.waitForCall("bob resumed") { $0.id == b && $0.state == .established }
        _ = try await alice.waitForCall("alice resumed") { $0.id == a && $0.state == .established }
        #expect(await Self.direction(alice, a) == .sendrecv)
        #expect(await Self.direction(bob, b) == .sendrecv)

        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    @Test func holdAndResumeNeedTheRightCall() async throws {
        let (alice, bob, _, _) = try await Self.connected()
        await alice.send(.resume(call: nil))
        try await alice.log.waitFor("nothing to resume", timeout: .seconds(2)) { $0 == .error("no held call") }
        await alice.send(.hold(call: 9))
        try await alice.log.waitFor("no call 9", timeout: .seconds(2)) { $0 == .error("no call to hold 9") }
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    /// Bob's hold re-INVITE is held back after his machine has sent it, so Alice's crosses
    /// it: Bob answers 491, Alice backs off, Bob's goes through, then Alice's retry.
    @Test func glareIsResolvedByTheBackoff() async throws {
        let gate = OfferGate()
        let (alice, bob, a, b) = try await Self.connected(bobMedia: GatedMedia(gate: gate))
        await bob.send(.hold(call: b))
        guard await gate.waitUntilHeld(timeout: .seconds(3)) else {
            Issue.record("bob's hold offer never came: \(await bob.log.events)")
            await gate.open()
            return
        }
        await alice.send(.hold(call: a))
        try await alice.log.waitFor("alice's re-INVITE refused", timeout: .seconds(3)) {
            if case .log(_, let text) = $0 { text.contains("crossed the peer's (491)") } else { false }
        }
        try await bob.log.waitFor("bob refused with 491", timeout: .seconds(1)) {
            if case .log(_, let text) = $0 { text.contains("491 Request Pending") } else { false }
        }
        await gate.open()
        _ = try await alice.waitForState(.held(.both), call: a)
        _ = try await bob.waitForState(.held(.both), call: b)
        #expect(await Self.direction(alice, a) == .inactive)
        #expect(await Self.direction(bob, b) == .inactive)
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }
}

/// Holds back the first hold offer until the test opens it.
actor OfferGate {
    private var opened = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var heldWaiters: [CheckedContinuation<Void, Never>] = []
    private var held = false

    func pass() async {
        guard !opened else { return }
        held = true
        heldWaiters.forEach { $0.resume() }
        heldWaiters = []
        await withCheckedContinuation { waiting.append($0) }
    }

    /// True once an offer waits at the gate; false after `timeout`.
    func waitUntilHeld(timeout: Duration) async -> Bool {
        if held { return true }
        Task {
            try? await Task.sleep(for: timeout)
            self.giveUp()
        }
        await withCheckedContinuation { heldWaiters.append($0) }
        return held
    }

    private func giveUp() {
        heldWaiters.forEach { $0.resume() }
        heldWaiters = []
    }

    func open() {
        opened = true
        waiting.forEach { $0.resume() }
        waiting = []
    }
}

/// `SignallingOnlyMedia` whose hold offers wait at a gate.
struct GatedMedia: MediaNegotiating {
    let gate: OfferGate
    let inner = SignallingOnlyMedia()

    func makeSession(account: AccountConfig, localAddress: String) async throws -> any MediaSession {
        GatedSession(inner: try await inner.makeSession(account: account, localAddress: localAddress), gate: gate)
    }
}

final class GatedSession: MediaSession {
    let inner: any MediaSession
    let gate: OfferGate
    init(inner: any MediaSession, gate: OfferGate) {
        self.inner = inner
        self.gate = gate
    }
    func makeOffer(hold: Bool) async throws -> SessionDescription {
        if hold { await gate.pass() }
        return try await inner.makeOffer(hold: hold)
    }
    func answer(_ offer: SessionDescription, hold: Bool) async throws -> SessionDescription {
        try await inner.answer(offer, hold: hold)
    }
    func accept(_ answer: SessionDescription) async throws { try await inner.accept(answer) }
    func negotiated() async -> [NegotiatedStream] { await inner.negotiated() }
    func packetsReceived() async -> Int { await inner.packetsReceived() }
    func close() async { await inner.close() }
}
