import Testing
@testable import UserAgent

/// Two pipit cores in one process, calling each other over loopback.
@Suite(.timeLimit(.minutes(1)))
struct TwoPhoneCallTests {
    @Test func callAnswerAndCallerHangsUp() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        #expect(ringing.remoteURI.contains("alice@127.0.0.1"))
        _ = try await alice.waitForState(.ringing)
        await bob.send(.answer(call: nil))
        _ = try await alice.waitForState(.established)
        _ = try await bob.waitForState(.established)
        await alice.send(.hangup(call: nil))
        let aliceEnd = try await alice.waitForState(.terminated)
        let bobEnd = try await bob.waitForState(.terminated)
        #expect(aliceEnd.end?.reason == .localHangup)
        #expect(bobEnd.end?.reason == .remoteHangup)
        await alice.stop()
        await bob.stop()
    }

    @Test func calleeHangsUp() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: nil))
        _ = try await alice.waitForState(.established)
        await bob.send(.hangup(call: nil))
        #expect(try await alice.waitForState(.terminated).end?.reason == .remoteHangup)
        #expect(try await bob.waitForState(.terminated).end?.reason == .localHangup)
        await alice.stop()
        await bob.stop()
    }

    @Test func callerCancelsBeforeAnswer() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        _ = try await alice.waitForState(.ringing)
        await alice.send(.hangup(call: nil))
        #expect(try await alice.waitForState(.terminated).end?.reason == .cancelled)
        let missed = try await bob.waitForState(.terminated)
        #expect(missed.end?.reason == .missed)
        await alice.stop()
        await bob.stop()
    }

    @Test(arguments: [(486, CallEnd.Reason.busy), (603, .declined), (480, .timeout)])
    func rejected(code: Int, reason: CallEnd.Reason) async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        await bob.send(.reject(call: nil, code: code))
        let end = try await alice.waitForState(.terminated)
        #expect(end.end?.reason == reason)
        #expect(end.end?.code == code)
        await alice.stop()
        await bob.stop()
    }

    @Test func callWaitingAndSwitching() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        let carol = try await TestPhone.start("carol")
        await alice.send(.call(target: bob.uri, account: nil))
        let first = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: first.id))
        _ = try await alice.waitForState(.established)

        // Carol calls while Bob talks to Alice: it rings as a waiting call.
        await carol.send(.call(target: bob.uri, account: nil))
        let waiting = try await bob.waitForCall("second call rings") { $0.state == .incoming && $0.id != first.id }
        #expect(!waiting.isCurrent)
        // Answering it holds Alice.
        await bob.send(.answer(call: waiting.id))
        _ = try await carol.waitForState(.established)
        _ = try await bob.waitForState(.held(.local), call: first.id)
        _ = try await alice.waitForState(.held(.remote))
        // Switching back holds Carol and resumes Alice.
        await bob.send(.switchTo(call: first.id))
        _ = try await bob.waitForState(.held(.local), call: waiting.id)
        _ = try await carol.waitForState(.held(.remote))
        _ = try await alice.waitForCall("alice resumed") { $0.state == .established }
        await bob.send(.hangupAll)
        _ = try await alice.waitForState(.terminated)
        _ = try await carol.waitForState(.terminated)
        for phone in [alice, bob, carol] { await phone.stop() }
    }
}

/// Calls reach the history database with their times, reasons and the missed flag.
@Suite(.timeLimit(.minutes(1)))
struct CallHistoryTests {
    @Test func missedAndAnsweredCallsAreRecorded() async throws {
        let dir = "/tmp/pipit-history-\(UInt64.random(in: 0...UInt64.max))"
        let recorder = HistoryRecorder(store: HistoryStore(database: try PipitDatabase.open(directory: dir)),
                                       now: UserAgent.wallClock()) { Issue.record("history: \($0)") }
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob", history: recorder)
        // A call bob never answers: missed.
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await bob.log.reset()
        // A call bob answers and hangs up.
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: nil))
        _ = try await bob.waitForState(.established)
        try await Task.sleep(for: .milliseconds(100))
        await bob.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await bob.stop()
        await alice.stop()
        await recorder.close()

        let rows = try HistoryStore(database: try PipitDatabase.open(directory: dir)).recent(limit: 10)
        try #require(rows.count == 2)
        let (answered, missed) = (rows[0], rows[1]) // newest first
        #expect(missed.missed && missed.endReason == "missed" && missed.answeredAt == nil && missed.direction == .incoming)
        #expect(missed.remoteURI.hasPrefix("sip:alice@127.0.0.1"))
        #expect(!answered.missed && answered.endReason == "hung up")
        #expect((answered.durationMilliseconds ?? 0) >= 80)
        let start = answered.startedAt, answer = try #require(answered.answeredAt), end = try #require(answered.endedAt)
        #expect(start <= answer && answer <= end)
    }
}
