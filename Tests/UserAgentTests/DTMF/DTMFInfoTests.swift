import SDP
import Testing
@testable import UserAgent

@Suite(.timeLimit(.minutes(1)))
struct DTMFInfoTests {
    static let bodies: [(String, String, Character?)] = [
        ("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", "5"),
        ("application/dtmf-relay", "Duration=250\nSignal= #\n", "#"),
        ("Application/DTMF-Relay; charset=x", "signal=*\r\n", "*"),
        ("application/dtmf-relay", "Signal=10\r\n", "*"),
        ("application/dtmf-relay", "Signal=11\r\n", "#"),
        ("application/dtmf-relay", "Signal=d\r\n", "D"),
        ("application/dtmf", "7", "7"),
        ("application/dtmf", " 9\r\n", "9"),
        ("application/dtmf-relay", "Signal=55\r\n", nil),
        ("application/dtmf-relay", "Signal=E\r\n", nil),
        ("application/dtmf-relay", "Duration=160\r\n", nil),
        ("application/dtmf", "12", nil),
        ("text/plain", "5", nil),
        ("application/media_control+xml", "<xml/>", nil),
    ]

    @Test(arguments: bodies.indices)
    func readsKeys(index: Int) {
        let (type, body, key) = Self.bodies[index]
        #expect(DTMFInfo.key(in: Array(body.utf8), contentType: type) == key, "\(type) \(body.debugDescription)")
    }

    @Test func relayBodyRoundTrips() {
        for key in "0123456789*#ABCD" {
            let body = DTMFInfo.relayBody(key)
            #expect(DTMFInfo.key(in: body, contentType: DTMFInfo.relayContentType) == key)
        }
        #expect(DTMFInfo.relayBody("5") == Array("Signal=5\r\nDuration=160\r\n".utf8))
    }

    @Test func hostileBodiesDoNotTrap() {
        #expect(DTMFInfo.key(in: [0xFF, 0x00, 0x3D, 0x3D], contentType: "application/dtmf-relay") == nil)
        #expect(DTMFInfo.key(in: Array(repeating: 0x3D, count: 100_000), contentType: "application/dtmf") == nil)
        #expect(DTMFInfo.key(in: [], contentType: "") == nil)
    }

    @Test func routeFollowsTheSettingAndTheAgreement() {
        #expect(DTMFRoute.choose(.auto, telephoneEventAgreed: true) == .rfc4733)
        #expect(DTMFRoute.choose(.auto, telephoneEventAgreed: false) == .info)
        #expect(DTMFRoute.choose(.info, telephoneEventAgreed: true) == .info)
        #expect(DTMFRoute.choose(.rfc4733, telephoneEventAgreed: true) == .rfc4733)
        guard case .unavailable = DTMFRoute.choose(.rfc4733, telephoneEventAgreed: false) else {
            Issue.record("rfc4733 without agreement must not fall back")
            return
        }
        #expect(DTMFRoute.choose(.inband, telephoneEventAgreed: true) == .inband)
    }
}

/// Keys by SIP INFO between pipit cores.
@Suite(.timeLimit(.minutes(1)))
struct TwoPhoneDTMFTests {
    static func digits(_ phone: TestPhone, count: Int) async throws -> String {
        try await waitUntil("\(count) keys at \(phone.user)") {
            await phone.log.events.filter { if case .dtmfReceived = $0 { true } else { false } }.count >= count
        }
        return String(await phone.log.events.compactMap { if case .dtmfReceived(_, let key) = $0 { key } else { nil } })
    }

    @Test func infoBySetting() async throws {
        let alice = try await TestPhone.start("alice") { $0.dtmf = .info }
        let bob = try await TestPhone.start("bob")
        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: ringing.id))
        _ = try await alice.waitForState(.established)
        await alice.send(.sendDigits(call: nil, digits: "12#*a"))
        #expect(try await Self.digits(bob, count: 5) == "12#*A")
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    /// `auto` without telephone-event agreed falls back to INFO; `rfc4733` refuses.
    @Test func autoFallsBackToInfo() async throws {
        let alice = try await TestPhone.start("alice", media: NoTelephoneEventMedia())
        let bob = try await TestPhone.start("bob") { $0.dtmf = .rfc4733 }
        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: ringing.id))
        _ = try await alice.waitForState(.established)
        await alice.send(.sendDigits(call: nil, digits: "9"))
        #expect(try await Self.digits(bob, count: 1) == "9")
        await bob.send(.sendDigits(call: nil, digits: "1"))
        // Bob's session agreed telephone-event (his side offers it), so he uses RFC 4733,
        // which signalling-only media cannot send: the error says so.
        try await bob.log.waitFor("bob's error", timeout: .seconds(2)) {
            if case .error(let text) = $0 { text.hasPrefix("call \(ringing.id): dtmf:") } else { false }
        }
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }
}

/// Signalling-only media that reports no telephone-event agreed.
struct NoTelephoneEventMedia: MediaNegotiating {
    let inner = SignallingOnlyMedia()
    func makeSession(account: AccountConfig, localAddress: String) async throws -> any MediaSession {
        NoTelephoneEventSession(inner: try await inner.makeSession(account: account, localAddress: localAddress))
    }
}

final class NoTelephoneEventSession: MediaSession {
    let inner: any MediaSession
    init(inner: any MediaSession) { self.inner = inner }
    func makeOffer(hold: Bool) async throws -> SessionDescription { try await inner.makeOffer(hold: hold) }
    func answer(_ offer: SessionDescription, hold: Bool) async throws -> SessionDescription { try await inner.answer(offer, hold: hold) }
    func accept(_ answer: SessionDescription) async throws { try await inner.accept(answer) }
    func negotiated() async -> [NegotiatedStream] {
        await inner.negotiated().map { var s = $0; s.telephoneEvent = nil; return s }
    }
    func packetsReceived() async -> Int { await inner.packetsReceived() }
    func close() async { await inner.close() }
}
