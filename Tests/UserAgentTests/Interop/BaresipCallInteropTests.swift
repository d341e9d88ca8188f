import SIPMessage
import Testing
import TestLab
@testable import UserAgent

/// pipit against the reference: baresip through Kamailio with digest auth.
@Suite(.timeLimit(.minutes(1)))
struct BaresipCallInteropTests {
    /// An account at the lab's Kamailio; registration is switched by `register`.
    static func kamailioAccount(_ user: String, _ password: String, _ kamailio: Kamailio,
                                transport: SIPTransport = .udp, register: Bool) -> (inout AccountConfig) -> Void {
        { account in
            account.uri = (try? SIPURI.parse("sip:\(user)@\(kamailio.address)")) ?? account.uri
            account.password = .literal(Secret(password))
            account.registrar = try? SIPURI.parse("sip:\(kamailio.address)")
            account.register = register
            account.transport = transport
        }
    }

    /// Kamailio, baresip as bob (registered, not answering) and pipit as alice; alice
    /// calls bob and bob's phone rings.
    static func aliceCallsBaresipBob(_ lab: Lab) async throws -> (TestPhone, Baresip) {
        let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
        let bob = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address))
        try await bob.waitForRegistration()
        let alice = try await TestPhone.start("alice", configure: kamailioAccount("alice", "a-pw", kamailio, register: false))
        await alice.send(.call(target: "sip:bob@\(kamailio.address)", account: nil))
        try await bob.waitForEvent("CALL_INCOMING")
        return (alice, bob)
    }

    @Test(arguments: [SIPTransport.udp, .tcp])
    func pipitCallsBaresipWhichAnswers(transport: SIPTransport) async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
            let bob = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address,
                                                       autoAnswer: true, audioSource: Tone.sine(frequency: 440, seconds: 30)))
            try await bob.waitForRegistration()
            let alice = try await TestPhone.start("alice", transport: transport == .udp ? "udp" : "tcp",
                                                  configure: Self.kamailioAccount("alice", "a-pw", kamailio, transport: transport, register: false))
            // No `;transport=tcp` on the target: the account's transport decides (alice
            // listens on TCP only when it is TCP, so a UDP INVITE would have no way out).
            await alice.send(.call(target: "sip:bob@\(kamailio.address)", account: nil))
            let up = try await alice.waitForState(.established, timeout: .seconds(10))
            try await bob.waitForEvent("CALL_ESTABLISHED")
            // The INVITE was challenged by the proxy and retried with credentials.
            let invites = kamailio.events().filter { $0.method == "INVITE" && $0.user == "alice" }.map(\.status)
            #expect(invites.contains(407), "\(invites)")
            // Offer/answer agreed on G.711 (baresip here has only it) and baresip's RTP reaches our port.
            let session = try #require(await alice.ua.mediaSession(of: up.id))
            let streams = await session.negotiated()
            #expect(streams.first?.accepted == true)
            #expect(["PCMU", "PCMA"].contains(streams.first?.codecs.first?.name ?? ""), "\(streams)")
            try await waitUntil("RTP from baresip") { await session.packetsReceived() > 10 }

            await alice.send(.hangup(call: up.id))
            #expect(try await alice.waitForState(.terminated).end?.reason == .localHangup)
            try await bob.waitForEvent("CALL_CLOSED")
            await alice.stop()
        }
    }

    @Test func calleeBaresipHangsUp() async throws {
        try await Lab.run { lab in
            let (alice, bob) = try await Self.aliceCallsBaresipBob(lab)
            _ = try await alice.waitForState(.ringing)
            try await bob.answer()
            _ = try await alice.waitForState(.established)
            try await bob.hangup()
            #expect(try await alice.waitForState(.terminated).end?.reason == .remoteHangup)
            await alice.stop()
        }
    }

    @Test func pipitCancelsBeforeBaresipAnswers() async throws {
        try await Lab.run { lab in
            let (alice, bob) = try await Self.aliceCallsBaresipBob(lab)
            _ = try await alice.waitForState(.ringing)
            await alice.send(.hangup(call: nil))
            #expect(try await alice.waitForState(.terminated).end?.reason == .cancelled)
            try await bob.waitForEvent("CALL_CLOSED")
            await alice.stop()
        }
    }

    /// baresip's `hangup` on a ringing call answers 486 Busy Here.
    @Test func baresipRejectsBusy() async throws {
        try await Lab.run { lab in
            let (alice, bob) = try await Self.aliceCallsBaresipBob(lab)
            try await bob.hangup()
            let end = try await alice.waitForState(.terminated)
            #expect(end.end?.reason == .busy)
            #expect(end.end?.code == 486)
            await alice.stop()
        }
    }

    /// Two baresips registered as bob: Kamailio forks the INVITE, both ring, one answers,
    /// the proxy cancels the other.
    @Test func forkedCallAnsweredByOne() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
            let desk = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address))
            let mobile = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address))
            try await desk.waitForRegistration()
            try await mobile.waitForRegistration()
            let alice = try await TestPhone.start("alice", configure: Self.kamailioAccount("alice", "a-pw", kamailio, register: false))
            await alice.send(.call(target: "sip:bob@\(kamailio.address)", account: nil))
            try await desk.waitForEvent("CALL_INCOMING")
            try await mobile.waitForEvent("CALL_INCOMING")
            _ = try await alice.waitForState(.ringing)
            try await mobile.answer()
            _ = try await alice.waitForState(.established)
            try await mobile.waitForEvent("CALL_ESTABLISHED")
            try await desk.waitForEvent("CALL_CLOSED") // the other phone stops ringing
            await alice.send(.hangup(call: nil))
            _ = try await alice.waitForState(.terminated)
            try await mobile.waitForEvent("CALL_CLOSED")
            await alice.stop()
        }
    }
}

/// Polls `condition` every 50 ms until it holds; fails after `timeout`.
func waitUntil(_ what: String, timeout: Duration = .seconds(5), _ condition: () async -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting for \(what)")
    throw TestPhoneError.timeout(what)
}

/// pipit registered at Kamailio: baresip calls it.
@Suite(.timeLimit(.minutes(1)))
struct RegisteredPipitInteropTests {
    @Test(arguments: [SIPTransport.udp, .tcp])
    func baresipCallsRegisteredPipit(transport: SIPTransport) async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
            let alice = try await TestPhone.start("alice", transport: transport == .udp ? "udp" : "tcp",
                                                  configure: BaresipCallInteropTests.kamailioAccount("alice", "a-pw", kamailio, transport: transport, register: true))
            try await alice.log.waitFor("alice registered", timeout: .seconds(10)) {
                if case .registration("alice", .registered) = $0 { true } else { false }
            }
            let registered = try await kamailio.waitFor(200, "REGISTER", user: "alice")
            #expect(registered.transport == (transport == .udp ? "udp" : "tcp"))
            await alice.send(.accounts)
            let listing = try await alice.log.waitFor("accounts", timeout: .seconds(2)) {
                if case .accounts = $0 { true } else { false }
            }
            guard case .accounts(let accounts) = listing, let first = accounts.first,
                  case .registered(let expires) = first.state else {
                Issue.record("alice not listed as registered: \(listing)")
                return
            }
            #expect(expires >= 60 && expires <= 600, "Kamailio grants between its minimum and what we asked")
            #expect(!first.isLocal && first.isDefault && first.name == "alice")

            let bob = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address,
                                                       transport: transport == .udp ? .udp : .tcp))
            try await bob.waitForRegistration()
            try await bob.dial("sip:alice@\(kamailio.address)" + (transport == .udp ? "" : ";transport=tcp"))
            let ringing = try await alice.waitForState(.incoming, timeout: .seconds(10))
            #expect(ringing.remoteURI.hasPrefix("sip:bob@"))
            await alice.send(.answer(call: ringing.id))
            _ = try await alice.waitForState(.established)
            try await bob.waitForEvent("CALL_ESTABLISHED")
            let session = try #require(await alice.ua.mediaSession(of: ringing.id))
            try await waitUntil("RTP from baresip") { await session.packetsReceived() > 10 }
            try await bob.hangup()
            #expect(try await alice.waitForState(.terminated).end?.reason == .remoteHangup)

            // Quit unregisters: Kamailio sees the binding removed (expires=0 answered 200).
            let before = kamailio.events().filter { $0.method == "REGISTER" && $0.user == "alice" && $0.status == 200 }.count
            await alice.stop()
            try await waitUntil("unregistration") {
                kamailio.events().filter { $0.method == "REGISTER" && $0.user == "alice" && $0.status == 200 }.count > before
            }
        }
    }
}

extension RegisteredPipitInteropTests {
    /// The password comes from `password_command`, run when the account registers.
    @Test func passwordCommandFeedsRegistration() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw"])
            let alice = try await TestPhone.start("alice", configure: { account in
                BaresipCallInteropTests.kamailioAccount("alice", "unused", kamailio, register: true)(&account)
                account.password = .command("printf 'a-pw\\nsecond line\\n'")
            })
            try await alice.log.waitFor("alice registered", timeout: .seconds(10)) {
                if case .registration("alice", .registered) = $0 { true } else { false }
            }
            await alice.stop()
        }
    }

    @Test func failingPasswordCommandIsReported() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw"])
            let alice = try await TestPhone.start("alice", configure: { account in
                BaresipCallInteropTests.kamailioAccount("alice", "unused", kamailio, register: true)(&account)
                account.password = .command("exit 3")
            })
            try await alice.log.waitFor("failure", timeout: .seconds(10)) {
                if case .registration("alice", .failed(_, _, nil)) = $0 { true } else { false }
            }
            await alice.stop()
        }
    }
}
