import Testing
@testable import UserAgent

/// Do not disturb, forwarding, auto-answer on request and redial between pipit cores.
@Suite(.timeLimit(.minutes(1)))
struct TwoPhoneCallSettingsTests {
    @Test func doNotDisturbRefusesCallsUntilOff() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        await bob.send(.doNotDisturb(true))
        try await bob.log.waitFor("dnd on", timeout: .seconds(2)) { $0 == .info("do not disturb: on (calls are refused with 486 Busy Here)") }
        await alice.send(.call(target: bob.uri, account: nil))
        let refused = try await alice.waitForState(.terminated)
        #expect(refused.end?.reason == .busy && refused.end?.code == 486)
        #expect(await bob.log.events.contains { if case .incomingCall = $0 { true } else { false } } == false)

        await bob.send(.doNotDisturb(false))
        await alice.log.reset()
        await alice.send(.redial)
        _ = try await bob.waitForState(.incoming)
        await alice.send(.hangup(call: nil))
        _ = try await alice.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    /// `autoanswer on` answers the next call by itself, the account list says so, and
    /// `autoanswer off` lets calls ring again.
    @Test func autoAnswerCommandAnswersUntilOff() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        await bob.send(.autoAnswer(.set(on: true, delay: 0, account: nil)))
        try await bob.log.waitFor("auto-answer on", timeout: .seconds(2)) { $0 == .info("account bob: auto-answer on, after 0 s") }
        await bob.send(.accounts)
        try await bob.log.waitFor("flagged", timeout: .seconds(2)) {
            if case .accounts(let list) = $0 { list.first?.autoAnswer == true } else { false }
        }
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await alice.waitForState(.established)
        await alice.send(.hangup(call: nil))
        _ = try await alice.waitForState(.terminated)

        await bob.send(.autoAnswer(.set(on: false, delay: nil, account: "bob")))
        try await bob.log.waitFor("auto-answer off", timeout: .seconds(2)) { $0 == .info("account bob: auto-answer off") }
        await alice.log.reset()
        await bob.log.reset()
        await alice.send(.redial)
        _ = try await bob.waitForState(.incoming)
        try await Task.sleep(for: .milliseconds(300))
        #expect(await alice.log.events.contains { if case .call(let s) = $0 { s.state == .established } else { false } } == false)
        await bob.send(.autoAnswer(.set(on: true, delay: nil, account: "nobody")))
        try await bob.log.waitFor("unknown account", timeout: .seconds(2)) { $0 == .error("autoanswer: no account nobody") }
        await alice.send(.hangup(call: nil))
        _ = try await alice.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    /// `set` changes a setting of the running phone as `reload` would, without a file:
    /// auto-answer turned on for bob's account answers alice's call.
    @Test func setChangesTheRunningPhone() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        await bob.send(.set(key: "account.bob.auto_answer", value: "true"))
        try await bob.log.waitFor("applied", timeout: .seconds(2)) { $0 == .info("set: changed bob") }
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await alice.waitForState(.established)
        await alice.send(.hangup(call: nil))
        _ = try await alice.waitForState(.terminated)
        await bob.send(.set(key: "account.bob.srtp", value: "sometimes"))
        try await bob.log.waitFor("refused", timeout: .seconds(2)) {
            if case .error(let text) = $0 { text.hasPrefix("set: srtp:") } else { false }
        }
        await bob.send(.set(key: "audio.backend", value: "alsa"))
        try await bob.log.waitFor("not settable", timeout: .seconds(2)) {
            if case .error(let text) = $0 { text.hasPrefix("set: backend cannot be set while pipit runs") } else { false }
        }
        await alice.stop()
        await bob.stop()
    }

    @Test func forwardingAlwaysSendsTheCallerOn() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob")
        let carol = try await TestPhone.start("carol")
        await bob.send(.forward(.set(.always, target: carol.uri)))
        try await bob.log.waitFor("forwarding shown", timeout: .seconds(2)) {
            if case .info(let text) = $0 { text.hasPrefix("account bob: forwarding always → sip:carol@") } else { false }
        }
        await alice.send(.call(target: bob.uri, account: nil))
        let atCarol = try await carol.waitForState(.incoming)
        await carol.send(.answer(call: atCarol.id))
        let up = try await alice.waitForState(.established)
        #expect(up.remoteURI.hasPrefix("sip:carol@"), "the 302 was followed")
        await alice.send(.hangup(call: nil))
        _ = try await carol.waitForState(.terminated)

        await bob.send(.forward(.clear(nil)))
        try await bob.log.waitFor("forwarding off", timeout: .seconds(2)) { $0 == .info("account bob: forwarding off") }
        for phone in [alice, bob, carol] { await phone.stop() }
    }

    @Test func unansweredCallIsForwarded() async throws {
        let alice = try await TestPhone.start("alice")
        let carol = try await TestPhone.start("carol")
        let bob = try await TestPhone.start("bob") { account in
            account.forwarding.noAnswer = carol.uri
            account.forwarding.noAnswerAfter = 1
        }
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        let gone = try await bob.waitForState(.terminated, timeout: .seconds(3))
        #expect(gone.end == CallEnd(.redirected, code: 302, detail: "forwarded to \(carol.uri)"))
        let atCarol = try await carol.waitForState(.incoming)
        await carol.send(.hangup(call: atCarol.id))
        _ = try await alice.waitForState(.terminated)
        for phone in [alice, bob, carol] { await phone.stop() }
    }

    @Test func callerAskingForAutoAnswerIsAnswered() async throws {
        let alice = try await TestPhone.start("alice")
        let bob = try await TestPhone.start("bob") { $0.autoAnswerRequested = true }
        await alice.ua.placeCall(to: bob.uri, account: nil, extraHeaders: [("Call-Info", "<sip:pbx>;answer-after=0")])
        _ = try await alice.waitForState(.established)
        _ = try await bob.waitForState(.established)
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)

        // Without the request it rings as usual.
        await bob.log.reset()
        await alice.log.reset()
        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        try await Task.sleep(for: .milliseconds(200))
        #expect(await bob.log.calls(2).last?.state == .incoming)
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    @Test func redialNeedsAnEarlierCall() async throws {
        let alice = try await TestPhone.start("alice")
        await alice.send(.redial)
        try await alice.log.waitFor("nothing yet", timeout: .seconds(2)) { $0 == .error("nothing to redial yet") }
        await alice.stop()
    }
}
