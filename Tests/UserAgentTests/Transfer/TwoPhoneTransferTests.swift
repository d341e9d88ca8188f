import Testing
@testable import UserAgent

/// Blind transfer between pipit cores: Alice transfers Bob to Carol.
@Suite(.timeLimit(.minutes(1)))
struct TwoPhoneTransferTests {
    /// Alice calls Bob, Bob answers; Bob takes transfers as `policy` says.
    static func aliceTalksToBob(_ policy: IncomingTransfer.Policy) async throws -> (TestPhone, TestPhone, TestPhone, CallNumber, CallNumber) {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob") { $0.acceptTransfer = policy }
        let carol = try await TestPhone.start("carol")
        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: ringing.id))
        let up = try await alice.waitForState(.established)
        _ = try await bob.waitForState(.established)
        return (alice, bob, carol, up.id, ringing.id)
    }

    static func transfer(_ phone: TestPhone, _ what: String, _ stage: TransferUpdate.Stage,
                         timeout: Duration = .seconds(5)) async throws -> TransferUpdate {
        let event = try await phone.log.waitFor(what, timeout: timeout) {
            if case .transfer(_, let update) = $0 { update.stage == stage } else { false }
        }
        guard case .transfer(_, let update) = event else { throw TestPhoneError.timeout(what) }
        return update
    }

    @Test func automaticBlindTransfer() async throws {
        let (alice, bob, carol, a, b) = try await Self.aliceTalksToBob(.auto)
        await alice.send(.transfer(call: a, target: carol.uri))
        #expect(try await Self.transfer(alice, "REFER accepted", .accepted).code == 202)
        let calling = try await Self.transfer(bob, "bob calls carol", .calling)
        let newCall = try #require(calling.newCall)
        #expect(calling.target.hasPrefix("sip:carol@127.0.0.1"))
        let atCarol = try await carol.waitForState(.incoming)
        // The INVITE says who referred it (RFC 3892).
        let referredBy = await carol.ua.calls[atCarol.id]?.incoming?.request.headers.first("Referred-By")
        #expect(referredBy?.contains("sip:alice@127.0.0.1") == true, "\(referredBy ?? "none")")
        _ = try await Self.transfer(alice, "progress", .progress)
        await carol.send(.answer(call: atCarol.id))
        _ = try await bob.waitForState(.established, call: newCall)
        #expect(try await Self.transfer(bob, "bob's side done", .succeeded).newCall == newCall)
        #expect(try await Self.transfer(alice, "transfer succeeded", .succeeded).code == 200)
        // Alice's call ends by itself; Bob and Carol go on talking.
        #expect(try await alice.waitForState(.terminated, call: a).end?.reason == .localHangup)
        #expect(try await bob.waitForState(.terminated, call: b).end?.reason == .remoteHangup)
        await bob.send(.hangup(call: newCall))
        _ = try await carol.waitForState(.terminated)
        for phone in [alice, bob, carol] { await phone.stop() }
    }

    @Test func askedTransferDeclinedThenAccepted() async throws {
        let (alice, bob, carol, a, b) = try await Self.aliceTalksToBob(.ask)
        await alice.send(.transfer(call: a, target: carol.uri))
        let offered = try await Self.transfer(bob, "bob is asked", .offered)
        #expect(offered.target.hasPrefix("sip:carol@"))
        await bob.send(.answerTransfer(call: nil, accept: false))
        #expect(try await Self.transfer(alice, "declined", .failed).code == 603)
        let calls = await alice.log.calls(a)
        #expect(calls.last?.state == .established, "a declined transfer leaves the call as it was")

        await alice.log.reset()
        await bob.log.reset()
        await alice.send(.transfer(call: a, target: carol.uri))
        _ = try await Self.transfer(bob, "bob is asked again", .offered)
        await bob.send(.answerTransfer(call: b, accept: true))
        let atCarol = try await carol.waitForState(.incoming)
        await carol.send(.answer(call: atCarol.id))
        _ = try await Self.transfer(alice, "transfer succeeded", .succeeded)
        _ = try await alice.waitForState(.terminated, call: a)
        await carol.send(.hangup(call: nil))
        _ = try await bob.waitForCall("bob's new call ends") { $0.id != b && $0.state == .terminated }
        for phone in [alice, bob, carol] { await phone.stop() }
    }

    @Test func refusedBySetting() async throws {
        let (alice, bob, carol, a, _) = try await Self.aliceTalksToBob(.never)
        await alice.send(.transfer(call: a, target: carol.uri))
        let failed = try await Self.transfer(alice, "refused", .failed)
        #expect(failed.code == 603)
        _ = try await Self.transfer(bob, "bob declined", .declined)
        await alice.send(.hangup(call: a))
        _ = try await bob.waitForState(.terminated)
        for phone in [alice, bob, carol] { await phone.stop() }
    }

    @Test func busyTargetKeepsTheCall() async throws {
        let (alice, bob, carol, a, b) = try await Self.aliceTalksToBob(.auto)
        await alice.send(.transfer(call: a, target: carol.uri))
        let atCarol = try await carol.waitForState(.incoming)
        await carol.send(.reject(call: atCarol.id, code: 486))
        let failed = try await Self.transfer(alice, "target busy", .failed)
        #expect(failed.code == 486)
        _ = try await Self.transfer(bob, "bob's side failed", .failed)
        // Bob held Alice while calling Carol; he takes her back.
        _ = try await alice.waitForState(.held(.remote), call: a)
        await alice.log.reset()
        await bob.send(.resume(call: b))
        _ = try await alice.waitForCall("alice resumed") { $0.id == a && $0.state == .established }
        await alice.send(.hangup(call: a))
        _ = try await bob.waitForState(.terminated, call: b)
        for phone in [alice, bob, carol] { await phone.stop() }
    }
}
