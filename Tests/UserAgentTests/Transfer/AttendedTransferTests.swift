import SIPMessage
import Testing
@testable import UserAgent

@Suite(.timeLimit(.minutes(1)))
struct AttendedTransferTests {
    @Test func referToCarriesTheEscapedReplaces() throws {
        let target = try SIPURI.parse("sip:carol@192.0.2.9:5070")
        let uri = AttendedTransfer.referTo(target: target, callID: "abc@pipit", ourTag: "a1", theirTag: "c9")
        #expect(uri.description == "sip:carol@192.0.2.9:5070?Replaces=abc%40pipit%3Bto-tag%3Dc9%3Bfrom-tag%3Da1")
        // What the transferee reads back, through the URI parser.
        let parsed = try SIPURI.parse(uri.description[...])
        let replaces = try #require(AttendedTransfer.replaces(in: parsed))
        #expect(replaces == "abc@pipit;to-tag=c9;from-tag=a1")
        #expect(AttendedTransfer.replaces(in: target) == nil)
    }

    @Test func replacesNamesADialogFromTheRecipientsSide() throws {
        let dialogs = [("x@h", "mine1", "theirs1"), ("abc@pipit", "c9", "a1")]
        let replaces = try Replaces.parse("abc@pipit;to-tag=c9;from-tag=a1")
        #expect(AttendedTransfer.match(replaces, in: dialogs) == 1)
        #expect(AttendedTransfer.match(try Replaces.parse("abc@pipit;to-tag=a1;from-tag=c9"), in: dialogs) == nil, "tags swapped")
        #expect(AttendedTransfer.match(try Replaces.parse("nope;to-tag=c9;from-tag=a1"), in: dialogs) == nil)
    }
}

/// Alice talks to Bob, consults Carol, and connects them (RFC 5589 §7).
@Suite(.timeLimit(.minutes(1)))
struct TwoPhoneAttendedTransferTests {
    @Test func attendedTransferConnectsTheTwoPeers() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob") { $0.acceptTransfer = .auto }
        let carol = try await TestPhone.start("carol")
        await alice.send(.call(target: bob.uri, account: nil))
        let atBob = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: atBob.id))
        let first = try await alice.waitForState(.established)
        await alice.send(.call(target: carol.uri, account: nil))
        let atCarol = try await carol.waitForState(.incoming)
        await carol.send(.answer(call: atCarol.id))
        let second = try await alice.waitForCall("consultation up") { $0.id != first.id && $0.state == .established }
        _ = try await alice.waitForState(.held(.local), call: first.id)

        await alice.send(.attendedTransfer(call: first.id, to: second.id))
        // Bob calls Carol with Replaces: Carol's new call is answered by itself and her
        // call with Alice ends; Alice's call with Bob ends when Bob reports success.
        let calling = try await TwoPhoneTransferTests.transfer(bob, "bob calls carol", .calling)
        let bobsNewCall = try #require(calling.newCall)
        _ = try await bob.waitForState(.established, call: bobsNewCall)
        _ = try await carol.waitForCall("carol's new call") { $0.id != atCarol.id && $0.state == .established }
        #expect(try await carol.waitForState(.terminated, call: atCarol.id).end?.reason == .localHangup)
        _ = try await TwoPhoneTransferTests.transfer(alice, "done", .succeeded)
        _ = try await alice.waitForState(.terminated, call: first.id)
        _ = try await alice.waitForState(.terminated, call: second.id)
        _ = try await bob.waitForState(.terminated, call: atBob.id)
        await bob.send(.hangup(call: bobsNewCall))
        _ = try await carol.waitForCall("carol hung up on") { $0.id != atCarol.id && $0.state == .terminated }
        for phone in [alice, bob, carol] { await phone.stop() }
    }

    @Test func replacesForAnUnknownDialogIsRefused() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        await alice.ua.placeCall(to: bob.uri, account: nil, extraHeaders: [("Replaces", "nothing@here;to-tag=x;from-tag=y")])
        let end = try await alice.waitForState(.terminated)
        #expect(end.end?.code == 481)
        await alice.stop()
        await bob.stop()
    }
}
