import Testing
@testable import UserAgent

/// Instant messages between pipit cores, in and out of calls, and in the history.
@Suite(.timeLimit(.minutes(1)))
struct TwoPhoneMessageTests {
    static func delivery(_ phone: TestPhone, _ what: String) async throws -> (to: String, code: Int, detail: String) {
        let event = try await phone.log.waitFor(what, timeout: .seconds(5)) {
            if case .messageDelivery = $0 { true } else { false }
        }
        guard case .messageDelivery(let to, let code, let detail) = event else { throw TestPhoneError.timeout(what) }
        return (to, code, detail)
    }

    static func received(_ phone: TestPhone, _ what: String) async throws -> (account: String, from: String, text: String) {
        let event = try await phone.log.waitFor(what, timeout: .seconds(5)) {
            if case .messageReceived = $0 { true } else { false }
        }
        guard case .messageReceived(let account, let from, let text) = event else { throw TestPhoneError.timeout(what) }
        return (account, from, text)
    }

    @Test func messagesOutsideAndInsideACallAreStored() async throws {
        let dir = "/tmp/pipit-messages-\(UInt64.random(in: 0...UInt64.max))"
        let recorder = HistoryRecorder(store: HistoryStore(database: try PipitDatabase.open(directory: dir)),
                                       now: UserAgent.wallClock()) { Issue.record("history: \($0)") }
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob", history: recorder)

        // Outside a call: UTF-8 text arrives as written.
        await alice.send(.sendMessage(call: nil, target: bob.uri, text: "grüß dich 👋", account: nil))
        let first = try await Self.received(bob, "message at bob")
        #expect(first.text == "grüß dich 👋" && first.account == "bob" && first.from.hasPrefix("sip:alice@127.0.0.1"))
        let sent = try await Self.delivery(alice, "delivered")
        #expect(sent.code == 200 && sent.to == bob.uri)

        // Inside a call: the MESSAGE goes in the call's dialog, both ways.
        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: ringing.id))
        _ = try await alice.waitForState(.established)
        await bob.log.reset()
        await alice.log.reset()
        await bob.send(.sendMessage(call: ringing.id, target: nil, text: "in the call", account: nil))
        #expect(try await Self.received(alice, "message at alice").text == "in the call")
        #expect(try await Self.delivery(bob, "delivered in the call").code == 200)
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
        await recorder.close()

        let messages = try HistoryStore(database: try PipitDatabase.open(directory: dir)).recentMessages(limit: 10)
        try #require(messages.count == 2)
        #expect(messages[0].direction == .outgoing && messages[0].text == "in the call" && messages[0].sipCode == 200)
        #expect(messages[1].direction == .incoming && messages[1].text == "grüß dich 👋" && messages[1].sipCode == nil)
        #expect(messages[1].remoteURI.hasPrefix("sip:alice@127.0.0.1") && messages[1].account == "bob")
    }

    @Test func failedDeliveryIsReportedWithItsCode() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        // Bob's strict policy refuses requests for users that are not his.
        await alice.send(.sendMessage(call: nil, target: "sip:nobody@127.0.0.1:\(bob.port)", text: "hello?", account: nil))
        let refused = try await Self.delivery(alice, "refused")
        #expect(refused.code == 403 && refused.detail == "Forbidden")

        let tooLong = String(repeating: "x", count: 1301)
        await alice.send(.sendMessage(call: nil, target: bob.uri, text: tooLong, account: nil))
        try await alice.log.waitFor("too long", timeout: .seconds(2)) {
            $0 == .error("message too long: 1301 bytes, at most 1300")
        }
        await alice.send(.sendMessage(call: nil, target: nil, text: "no call", account: nil))
        try await alice.log.waitFor("no call", timeout: .seconds(2)) { $0 == .error("no call to send a message in") }
        await alice.stop()
        await bob.stop()
    }
}
