import Testing
import TestLab
@testable import UserAgent

@Suite(.timeLimit(.minutes(1)))
struct SessionTimerTests {
    @Test func refresherWaitsHalfTheOtherSideLessAMargin() {
        #expect(SessionTimer(seconds: 1800, weRefresh: true).restart() == [.startTimer(after: .seconds(900))])
        #expect(SessionTimer(seconds: 1800, weRefresh: false).restart() == [.startTimer(after: .seconds(1768))], "32 s early")
        #expect(SessionTimer(seconds: 90, weRefresh: false).restart() == [.startTimer(after: .seconds(60))], "a third early")
        #expect(SessionTimer(seconds: 1800, weRefresh: true).fired() == [.refresh])
        #expect(SessionTimer(seconds: 1800, weRefresh: false).fired() == [.expire])
    }

    @Test func parsesSessionExpires() {
        #expect(SessionTimer.parse("1800;refresher=uac")! == (1800, .uac))
        #expect(SessionTimer.parse(" 90 ; Refresher=UAS")! == (90, .uas))
        #expect(SessionTimer.parse("4000")! == (4000, nil))
        #expect(SessionTimer.parse("4000;refresher=me")! == (4000, nil))
        for bad in ["", "x", "0", "-5", "9999999999999", ";refresher=uac"] { #expect(SessionTimer.parse(bad) == nil, "\(bad)") }
    }

    @Test func calleeDecides() {
        #expect(SessionTimer.asCallee(sessionExpires: nil, uacSupportsTimer: true, minimum: 90) == nil)
        #expect(SessionTimer.asCallee(sessionExpires: "60", uacSupportsTimer: true, minimum: 90) == .tooSmall(minimum: 90))
        #expect(SessionTimer.asCallee(sessionExpires: "1800", uacSupportsTimer: true, minimum: 90)
                == .run(seconds: 1800, refresher: .uac, require: true))
        #expect(SessionTimer.asCallee(sessionExpires: "1800", uacSupportsTimer: false, minimum: 90)
                == .run(seconds: 1800, refresher: .uas, require: false), "a UAC without timers cannot refresh")
        #expect(SessionTimer.asCallee(sessionExpires: "1800;refresher=uas", uacSupportsTimer: true, minimum: 90)
                == .run(seconds: 1800, refresher: .uas, require: true))
    }
}

/// Session timers between pipit cores (seconds, not minutes) and against SIPp.
@Suite(.timeLimit(.minutes(1)))
struct TwoPhoneSessionTimerTests {
    static func timing(expires: Int, minimum: Int) -> CallMachine.Timing {
        var t = CallMachine.Timing.fast
        t.sessionExpires = expires
        t.minimumSessionExpires = minimum
        return t
    }

    static func refreshes(_ phone: TestPhone) async -> Int {
        await phone.log.events.filter { if case .log(_, let text) = $0 { text.hasSuffix("refreshing the session (RFC 4028)") } else { false } }.count
    }

    /// The caller does timers, so the callee makes it the refresher: a re-INVITE every
    /// half interval keeps the call up past several intervals.
    @Test func callerRefreshesAndTheCallLives() async throws {
        let alice = try await TestPhone.start("alice", timing: Self.timing(expires: 2, minimum: 1))
        let bob = try await TestPhone.start("bob", timing: Self.timing(expires: 2, minimum: 1))
        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: ringing.id))
        let up = try await alice.waitForState(.established)
        #expect(await alice.ua.calls[up.id]?.sessionTimer == SessionTimer(seconds: 2, weRefresh: true))
        #expect(await bob.ua.calls[ringing.id]?.sessionTimer == SessionTimer(seconds: 2, weRefresh: false))
        try await waitUntil("three refreshes", timeout: .seconds(6)) { await Self.refreshes(alice) >= 3 }
        #expect(await bob.ua.calls[ringing.id]?.machine.state == .established, "bob saw them in time")
        #expect(await Self.refreshes(bob) == 0)
        await alice.send(.hangup(call: nil))
        #expect(try await bob.waitForState(.terminated).end?.reason == .remoteHangup)
        await alice.stop()
        await bob.stop()
    }

    @Test func tooSmallIntervalIsRaisedAfter422() async throws {
        let alice = try await TestPhone.start("alice", timing: Self.timing(expires: 2, minimum: 1))
        let bob = try await TestPhone.start("bob", timing: Self.timing(expires: 1800, minimum: 5))
        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: ringing.id))
        let up = try await alice.waitForState(.established)
        #expect(await alice.ua.calls[up.id]?.sessionTimer?.seconds == 5)
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    /// SIPp calls, asks to be the refresher and never refreshes: pipit ends the call.
    @Test func missingRefreshEndsTheCall() async throws {
        try await Lab.run { lab in
            let scenario = CallScenario.xml("no refresh", [
                CallScenario.send(["INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0",
                                   "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]",
                                   "From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]st[call_number]",
                                   "To: <sip:[service]@[remote_ip]:[remote_port]>", "Call-ID: [call_id]", "CSeq: 1 INVITE",
                                   "Contact: <sip:sipp@[local_ip]:[local_port]>", "Max-Forwards: 70",
                                   "Supported: timer", "Session-Expires: 3;refresher=uac",
                                   "Content-Type: application/sdp", "Content-Length: [len]", ""] + CallScenario.sdp),
                "  <recv response=\"100\" optional=\"true\" />\n",
                "  <recv response=\"180\" optional=\"true\" />\n",
                "  <recv response=\"200\" rrs=\"true\">\n    <action><ereg regexp=\"^ *3;refresher=uac\" search_in=\"hdr\" header=\"Session-Expires:\" check_it=\"true\" assign_to=\"se\" /></action>\n  </recv>\n",
                CallScenario.send(["ACK [next_url] SIP/2.0", "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]",
                                   "From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]st[call_number]", "[last_To:]",
                                   "Call-ID: [call_id]", "CSeq: 1 ACK", "Max-Forwards: 70", "Content-Length: 0", ""]),
                "  <recv request=\"BYE\" timeout=\"5000\" />\n",
                CallScenario.send(["SIP/2.0 200 OK", "[last_Via:]", "[last_From:]", "[last_To:]", "[last_Call-ID:]", "[last_CSeq:]",
                                   "Content-Length: 0", ""]),
                "  <Reference variables=\"se\" />\n",
            ])
            let alice = try await TestPhone.start("alice", timing: Self.timing(expires: 1800, minimum: 1)) { $0.autoAnswer = true }
            let sipp = try await lab.startSIPp(scenario: .xml(scenario), remote: "127.0.0.1:\(alice.port)",
                                               arguments: ["-s", "alice"])
            let up = try await alice.waitForState(.established)
            let end = try await alice.waitForState(.terminated, call: up.id, timeout: .seconds(5))
            #expect(end.end?.reason == .localHangup)
            #expect(try await sipp.result().succeeded)
            await alice.stop()
        }
    }
}
