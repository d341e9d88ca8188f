import SDP
import SIPMessage
import Testing
import TestLab
@testable import UserAgent

/// Call features against baresip through Kamailio: hold and resume both ways, blind
/// transfer both ways.
@Suite(.timeLimit(.minutes(1)))
struct BaresipFeatureInteropTests {
    /// pipit (alice) calls baresip (bob), which answers.
    static func connected(_ lab: Lab, configure: @escaping (inout AccountConfig) -> Void = { _ in })
        async throws -> (TestPhone, Baresip, Kamailio, CallNumber) {
        let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
        let bob = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address))
        try await bob.waitForRegistration()
        let alice = try await TestPhone.start("alice") { account in
            BaresipCallInteropTests.kamailioAccount("alice", "a-pw", kamailio, register: false)(&account)
            configure(&account)
        }
        await alice.send(.call(target: "sip:bob@\(kamailio.address)", account: nil))
        try await bob.waitForEvent("CALL_INCOMING")
        try await bob.answer()
        let up = try await alice.waitForState(.established, timeout: .seconds(10))
        try await bob.waitForEvent("CALL_ESTABLISHED")
        return (alice, bob, kamailio, up.id)
    }

    static func direction(_ phone: TestPhone, _ call: CallNumber) async -> Direction? {
        await phone.ua.mediaSession(of: call)?.negotiated().first?.direction
    }

    @Test func holdAndResumeBothWays() async throws {
        try await Lab.run { lab in
            let (alice, bob, _, a) = try await Self.connected(lab)
            // pipit holds: baresip answers our sendonly offer with recvonly.
            await alice.send(.hold(call: a))
            _ = try await alice.waitForState(.held(.local), call: a)
            #expect(await Self.direction(alice, a) == .sendonly)
            await alice.log.reset()
            await alice.send(.resume(call: a))
            _ = try await alice.waitForCall("resumed") { $0.id == a && $0.state == .established }
            #expect(await Self.direction(alice, a) == .sendrecv)

            // baresip holds: we see it and answer recvonly; then it resumes.
            await alice.log.reset()
            _ = try await bob.command("hold")
            _ = try await alice.waitForState(.held(.remote), call: a)
            #expect(await Self.direction(alice, a) == .recvonly)
            await alice.log.reset()
            _ = try await bob.command("resume")
            _ = try await alice.waitForCall("baresip resumed") { $0.id == a && $0.state == .established }
            #expect(await Self.direction(alice, a) == .sendrecv)

            await alice.send(.hangup(call: a))
            try await bob.waitForEvent("CALL_CLOSED")
            await alice.stop()
        }
    }

    /// pipit transfers baresip to a second pipit (carol): baresip calls carol, tells us
    /// by NOTIFY, and our call ends.
    @Test func pipitTransfersBaresip() async throws {
        try await Lab.run { lab in
            let (alice, bob, _, a) = try await Self.connected(lab)
            let carol = try await TestPhone.start("carol")
            await alice.send(.transfer(call: a, target: carol.uri))
            _ = try await TwoPhoneTransferTests.transfer(alice, "baresip accepts", .accepted)
            let atCarol = try await carol.waitForState(.incoming, timeout: .seconds(10))
            await carol.send(.answer(call: atCarol.id))
            _ = try await carol.waitForState(.established)
            try await bob.waitForEvent("CALL_ESTABLISHED") // baresip's call to carol
            _ = try await TwoPhoneTransferTests.transfer(alice, "baresip reached carol", .succeeded)
            #expect(try await alice.waitForState(.terminated, call: a).end?.reason == .localHangup)
            await carol.send(.hangup(call: atCarol.id))
            _ = try await carol.waitForState(.terminated)
            await alice.stop()
            await carol.stop()
        }
    }

    /// pipit transfers a baresip call to a second baresip: bob (REFER with Referred-By)
    /// calls carol, who answers; the NOTIFY sipfrag says so and our call ends.
    @Test func pipitTransfersBaresipToASecondBaresip() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw", "carol": "c-pw"])
            let bob = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address))
            let carol = try await lab.startBaresip(.init(user: "carol", password: "c-pw", registrar: kamailio.address, autoAnswer: true))
            try await bob.waitForRegistration()
            try await carol.waitForRegistration()
            let alice = try await TestPhone.start("alice", configure: BaresipCallInteropTests.kamailioAccount("alice", "a-pw", kamailio, register: false))
            await alice.send(.call(target: "sip:bob@\(kamailio.address)", account: nil))
            try await bob.waitForEvent("CALL_INCOMING")
            try await bob.answer()
            let up = try await alice.waitForState(.established, timeout: .seconds(10))
            await alice.send(.transfer(call: up.id, target: "sip:carol@\(kamailio.address)"))
            _ = try await TwoPhoneTransferTests.transfer(alice, "baresip accepts", .accepted)
            try await carol.waitForEvent("CALL_ESTABLISHED", timeout: .seconds(10))
            _ = try await TwoPhoneTransferTests.transfer(alice, "bob reached carol", .succeeded, timeout: .seconds(10))
            #expect(try await alice.waitForState(.terminated, call: up.id).end?.reason == .localHangup)
            try await carol.hangup()
            try await bob.waitForEvent("CALL_CLOSED")
            await alice.stop()
        }
    }

    /// baresip transfers pipit (accept_transfer = auto) to carol: pipit calls carol and
    /// reports it by NOTIFY; baresip ends the first call.
    @Test func baresipTransfersPipit() async throws {
        try await Lab.run { lab in
            let (alice, bob, _, a) = try await Self.connected(lab) { $0.acceptTransfer = .auto }
            let carol = try await TestPhone.start("carol")
            _ = try await bob.command("transfer", carol.uri)
            let calling = try await TwoPhoneTransferTests.transfer(alice, "alice calls carol", .calling, timeout: .seconds(10))
            let newCall = try #require(calling.newCall)
            let atCarol = try await carol.waitForState(.incoming)
            await carol.send(.answer(call: atCarol.id))
            _ = try await alice.waitForState(.established, call: newCall)
            _ = try await TwoPhoneTransferTests.transfer(alice, "transfer done", .succeeded)
            #expect(try await alice.waitForState(.terminated, call: a, timeout: .seconds(10)).end?.reason == .remoteHangup)
            await alice.send(.hangup(call: newCall))
            _ = try await carol.waitForState(.terminated)
            await alice.stop()
            await carol.stop()
        }
    }

    /// baresip → pipit: its contact module's `message` command writes to its current
    /// contact (the first in its contacts file), through Kamailio to registered pipit.
    @Test func baresipMessagesPipit() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
            let alice = try await TestPhone.start("alice", configure: BaresipCallInteropTests.kamailioAccount("alice", "a-pw", kamailio, register: true))
            try await alice.log.waitFor("alice registered", timeout: .seconds(10)) {
                if case .registration("alice", .registered) = $0 { true } else { false }
            }
            let bob = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address,
                                                       contacts: ["sip:alice@\(kamailio.address)"]))
            try await bob.waitForRegistration()
            _ = try await bob.command("message", "hello pipit ✓")
            try await alice.log.waitFor("message from baresip", timeout: .seconds(5)) {
                if case .messageReceived(_, let from, let text) = $0 { text == "hello pipit ✓" && from.contains("bob") } else { false }
            }
            await alice.stop()
        }
    }

    /// pipit → baresip: it answers 200 (through Kamailio, which challenges us first).
    @Test func pipitMessagesBaresip() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
            let bob = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address))
            try await bob.waitForRegistration()
            let alice = try await TestPhone.start("alice", configure: BaresipCallInteropTests.kamailioAccount("alice", "a-pw", kamailio, register: false))
            await alice.send(.sendMessage(call: nil, target: "sip:bob@\(kamailio.address)", text: "hello baresip ✓", account: nil))
            let delivered = try await TwoPhoneMessageTests.delivery(alice, "delivered to baresip")
            #expect(delivered.code == 200, "\(delivered)")
            // Kamailio challenged the MESSAGE, we answered, and it relayed it to baresip,
            // whose 200 came back. (baresip 1.0 prints nothing we could read back.)
            let messages = kamailio.events().filter { $0.method == "MESSAGE" && $0.user == "alice" }.map(\.status)
            #expect(messages.contains(407) && messages.contains(100), "\(messages)")
            await alice.stop()
        }
    }

    /// Keys by SIP INFO (`dtmf = "info"`): baresip reports each.
    @Test func pipitSendsInfoDTMFToBaresip() async throws {
        try await Lab.run { lab in
            let (alice, bob, _, a) = try await Self.connected(lab) { $0.dtmf = .info }
            await alice.send(.sendDigits(call: a, digits: "4#"))
            try await waitUntil("baresip received the keys") {
                let log = bob.process.log()
                return log.contains("received DTMF: '4'") && log.contains("received DTMF: '#'")
            }
            await alice.send(.hangup(call: a))
            try await bob.waitForEvent("CALL_CLOSED")
            await alice.stop()
        }
    }

    /// Do not disturb against a real caller: baresip's call through Kamailio is refused
    /// with 486 and never rings here.
    @Test func doNotDisturbRefusesBaresip() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
            let alice = try await TestPhone.start("alice", configure: BaresipCallInteropTests.kamailioAccount("alice", "a-pw", kamailio, register: true))
            try await alice.log.waitFor("alice registered", timeout: .seconds(10)) {
                if case .registration("alice", .registered) = $0 { true } else { false }
            }
            await alice.send(.doNotDisturb(true))
            let bob = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address))
            try await bob.waitForRegistration()
            try await bob.dial("sip:alice@\(kamailio.address)")
            try await bob.waitForEvent("CALL_CLOSED")
            #expect(bob.process.log().contains("session closed: 486 Busy Here"))
            #expect(await alice.log.events.contains { if case .incomingCall = $0 { true } else { false } } == false)
            await alice.stop()
        }
    }
}
