import Testing
import TestLab
@testable import UserAgent

/// Attended transfer with a baresip leg (RFC 5589 §7): pipit alice talks to pipit bob,
/// consults baresip carol, and connects them — bob calls carol with Replaces, carol's
/// call with alice is replaced, and both of alice's calls end.
///
/// baresip 1.0 cannot be the transferee: it copies the Refer-To URI's `?Replaces=`
/// header into its INVITE's Request-URI (garbled), and Kamailio refuses the message. As
/// the target it takes the new call but ignores Replaces (both calls stay up), so pipit
/// ends the consultation call itself once the transfer succeeded.
@Suite(.timeLimit(.minutes(1)))
struct BaresipAttendedTransferTests {
    @Test func pipitConnectsPipitToBaresip() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw", "carol": "c-pw"])
            let carol = try await lab.startBaresip(.init(user: "carol", password: "c-pw", registrar: kamailio.address, autoAnswer: true))
            try await carol.waitForRegistration()
            let alice = try await TestPhone.start("alice", configure: BaresipCallInteropTests.kamailioAccount("alice", "a-pw", kamailio, register: false))
            let bob = try await TestPhone.start("bob") { account in
                BaresipCallInteropTests.kamailioAccount("bob", "b-pw", kamailio, register: true)(&account)
                account.acceptTransfer = .auto
            }
            try await bob.log.waitFor("bob registered", timeout: .seconds(10)) {
                if case .registration(_, .registered) = $0 { true } else { false }
            }
            await alice.send(.call(target: "sip:bob@\(kamailio.address)", account: nil))
            let atBob = try await bob.waitForState(.incoming)
            await bob.send(.answer(call: atBob.id))
            let first = try await alice.waitForState(.established)
            await alice.send(.call(target: "sip:carol@\(kamailio.address)", account: nil))
            let second = try await alice.waitForCall("consultation up", timeout: .seconds(10)) {
                $0.id != first.id && $0.state == .established
            }
            _ = try await alice.waitForState(.held(.local), call: first.id)

            await alice.send(.attendedTransfer(call: first.id, to: second.id))
            let calling = try await TwoPhoneTransferTests.transfer(bob, "bob calls carol", .calling, timeout: .seconds(10))
            let bobsNewCall = try #require(calling.newCall)
            _ = try await bob.waitForState(.established, call: bobsNewCall, timeout: .seconds(10))
            _ = try await TwoPhoneTransferTests.transfer(alice, "done", .succeeded, timeout: .seconds(10))
            _ = try await alice.waitForState(.terminated, call: first.id, timeout: .seconds(10))
            // The consultation call ends (baresip keeps it: pipit ends it after 2 s).
            _ = try await alice.waitForState(.terminated, call: second.id, timeout: .seconds(10))
            let established = try carol.messages().filter { $0.type == "CALL_ESTABLISHED" }
            #expect(established.count == 2, "carol's calls: \(established)")
            await bob.send(.hangup(call: bobsNewCall))
            try await carol.waitForEvent("CALL_CLOSED")
            await alice.stop()
            await bob.stop()
        }
    }
}
