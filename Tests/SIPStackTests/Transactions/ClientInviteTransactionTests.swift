import SIPMessage
import Testing
@testable import SIPStack

/// One test per transition of RFC 6026 Figure 5 (INVITE client transaction).
@Suite struct ClientInviteTransactionTests {
    let invite = TestMessages.invite()

    func started(reliable: Bool = false) -> VirtualTimers<ClientInviteTransaction> {
        var clock = VirtualTimers(ClientInviteTransaction(request: invite, reliable: reliable))
        clock.run { $0.handle(.start) }
        return clock
    }

    @Test func startSendsInviteAndArmsAAndB() {
        var t = ClientInviteTransaction(request: invite, reliable: false)
        let actions = t.handle(.start)
        #expect(actions == [.send(.request(invite)), .startTimer(.A, after: ms(500)), .startTimer(.B, after: .seconds(32))])
        #expect(t.phase == .calling)
        #expect(t.lastTransition?.description == "Idle → Calling (start)")
    }

    @Test func timerADoublesUncappedUntilBTimesOut() {
        var clock = started()
        clock.advance(by: .seconds(40))
        // Sent at 0 then after 0.5, 1, 2, 4, 8, 16 s: A is not capped at T2 for INVITE.
        #expect(clock.sendTimes == [0, 500, 1500, 3500, 7500, 15500, 31500].map(ms))
        #expect(clock.sent.allSatisfy { $0 == .request(invite) })
        #expect(clock.log.last?.at == .seconds(32))
        #expect(Array(clock.actions.suffix(3)) == [.cancelTimer(.A), .timeout, .terminated])
        #expect(clock.machine.phase == .terminated)
        #expect(clock.machine.lastTransition?.description == "Calling → Terminated (timer B)")
    }

    @Test func provisionalInCallingStopsRetransmissionsAndMovesToProceeding() {
        var clock = started()
        clock.advance(by: ms(600))
        let ringing = TestMessages.response(180, to: invite)
        let actions = clock.run { $0.handle(.response(ringing)) }
        #expect(actions == [.cancelTimer(.A), .cancelTimer(.B), .deliver(ringing)])
        #expect(clock.machine.phase == .proceeding)
        clock.advance(by: .seconds(100))
        #expect(clock.sendTimes == [0, 500].map(ms))
        #expect(clock.machine.phase == .proceeding)
    }

    @Test func provisionalInProceedingIsPassedUp() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(100, to: invite, toTag: nil))) }
        let ringing = TestMessages.response(180, to: invite)
        #expect(clock.run { $0.handle(.response(ringing)) } == [.deliver(ringing)])
        #expect(clock.machine.phase == .proceeding)
    }

    @Test func twoHundredInCallingMovesToAcceptedWithTimerM() {
        var clock = started()
        let ok = TestMessages.response(200, to: invite)
        let actions = clock.run { $0.handle(.response(ok)) }
        #expect(actions == [.cancelTimer(.A), .cancelTimer(.B), .deliver(ok), .startTimer(.M, after: .seconds(32))])
        #expect(clock.machine.phase == .accepted)
        #expect(clock.machine.lastTransition?.description == "Calling → Accepted (200 received)")
    }

    @Test func twoHundredInProceedingMovesToAccepted() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(180, to: invite))) }
        let ok = TestMessages.response(200, to: invite)
        #expect(clock.run { $0.handle(.response(ok)) } == [.deliver(ok), .startTimer(.M, after: .seconds(32))])
        #expect(clock.machine.phase == .accepted)
    }

    @Test func twoHundredRetransmissionsInAcceptedArePassedUpNeverAcked() {
        var clock = started()
        let ok = TestMessages.response(200, to: invite)
        clock.run { $0.handle(.response(ok)) }
        clock.advance(by: .seconds(1))
        #expect(clock.run { $0.handle(.response(ok)) } == [.deliver(ok)])
        // A 2xx from another fork is passed up too; a late 4xx is dropped.
        let forked = TestMessages.response(200, to: invite, toTag: "other-fork")
        #expect(clock.run { $0.handle(.response(forked)) } == [.deliver(forked)])
        #expect(clock.run { $0.handle(.response(TestMessages.response(486, to: invite))) } == [])
        #expect(clock.sent == [.request(invite)])
    }

    @Test func timerMEndsAccepted() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(200, to: invite))) }
        clock.advance(by: .seconds(31))
        #expect(clock.machine.phase == .accepted)
        clock.advance(by: .seconds(1))
        #expect(clock.machine.phase == .terminated)
        #expect(clock.machine.lastTransition?.description == "Accepted → Terminated (timer M)")
    }

    @Test(arguments: [300, 404, 486, 503, 603])
    func finalNonSuccessInCallingSendsAckAndCompletes(code: Int) {
        var clock = started()
        let busy = TestMessages.response(code, to: invite)
        let ack = TransactionMessages.ack(for: invite, response: busy)
        let actions = clock.run { $0.handle(.response(busy)) }
        #expect(actions == [.cancelTimer(.A), .cancelTimer(.B), .send(.request(ack)), .deliver(busy),
                            .startTimer(.D, after: .seconds(32))])
        #expect(clock.machine.phase == .completed)
    }

    @Test func finalNonSuccessInProceedingSendsAckAndCompletes() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(180, to: invite))) }
        let busy = TestMessages.response(486, to: invite)
        let actions = clock.run { $0.handle(.response(busy)) }
        #expect(actions == [.send(.request(TransactionMessages.ack(for: invite, response: busy))), .deliver(busy),
                            .startTimer(.D, after: .seconds(32))])
        #expect(clock.machine.lastTransition?.description == "Proceeding → Completed (486 received)")
    }

    @Test func retransmittedFinalInCompletedIsReAckedNotPassedUp() {
        var clock = started()
        let busy = TestMessages.response(486, to: invite)
        clock.run { $0.handle(.response(busy)) }
        let ack = TransactionMessages.ack(for: invite, response: busy)
        #expect(clock.run { $0.handle(.response(busy)) } == [.send(.request(ack))])
        #expect(clock.machine.phase == .completed)
    }

    @Test func timerDEndsCompleted() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(486, to: invite))) }
        clock.advance(by: ms(31_999))
        #expect(clock.machine.phase == .completed)
        clock.advance(by: ms(1))
        #expect(clock.machine.phase == .terminated)
        #expect(clock.actions.last == .terminated)
    }

    @Test func ackForNonSuccessFollowsSection17_1_1_3() throws {
        let busy = TestMessages.response(486, to: invite)
        let ack = TransactionMessages.ack(for: invite, response: busy)
        #expect(ack.method == .ack)
        #expect(ack.requestURI == invite.requestURI)
        #expect(ack.headers.values("Via").map(String.init) == ["SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds"])
        #expect(ack.headers.fields(named: "Route").map(\.value) == ["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"])
        #expect(ack.headers.first("Call-ID") == invite.headers.first("Call-ID"))
        #expect(ack.headers.first("From") == invite.headers.first("From"))
        #expect(ack.headers.first("To") == busy.headers.first("To"))
        #expect(try SIPMessage.request(ack).to?.tag == "a6c85cf")
        #expect(try SIPMessage.request(ack).cseq == CSeq(314159, "ACK"))
        #expect(ack.headers.first("Max-Forwards") == "70")
        #expect(!ack.headers.contains("Contact"))
        // It serializes and parses back as the same request.
        let reparsed = try SIPMessage.parse(SIPMessage.request(ack).serialized())
        #expect(reparsed == .request(ack))
    }

    @Test func reliableTransportSkipsTimerAAndZeroesD() {
        var clock = started(reliable: true)
        #expect(clock.actions == [.send(.request(invite)), .startTimer(.B, after: .seconds(32))])
        let busy = TestMessages.response(486, to: invite)
        let actions = clock.run { $0.handle(.response(busy)) }
        #expect(actions == [.cancelTimer(.B), .send(.request(TransactionMessages.ack(for: invite, response: busy))),
                            .deliver(busy), .terminated])
        #expect(clock.machine.transitions.map(\.description) == [
            "Idle → Calling (start)", "Calling → Completed (486 received)", "Completed → Terminated (timer D)",
        ])
    }

    @Test func reliableTransportTimesOutOnBWithoutRetransmitting() {
        var clock = started(reliable: true)
        clock.advance(by: .seconds(40))
        #expect(clock.sendTimes == [.zero])
        #expect(Array(clock.actions.suffix(2)) == [.timeout, .terminated])
    }

    @Test func transportErrorInCallingInformsTU() {
        var clock = started()
        #expect(clock.run { $0.handle(.transportError) }
            == [.cancelTimer(.A), .cancelTimer(.B), .transportFailed, .terminated])
        #expect(clock.machine.phase == .terminated)
    }

    @Test func transportErrorInProceedingInformsTU() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(180, to: invite))) }
        #expect(clock.run { $0.handle(.transportError) } == [.transportFailed, .terminated])
        #expect(clock.machine.phase == .terminated)
    }

    @Test func transportErrorInCompletedInformsTU() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(404, to: invite))) }
        #expect(clock.run { $0.handle(.transportError) } == [.transportFailed, .terminated])
        #expect(clock.machine.phase == .terminated)
    }

    @Test func transportErrorInAcceptedIsReportedButTheStateStays() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(200, to: invite))) }
        #expect(clock.run { $0.handle(.transportError) } == [.transportFailed])
        #expect(clock.machine.phase == .accepted)
    }

    @Test func terminatedIgnoresEverything() {
        var clock = started()
        clock.run { $0.handle(.transportError) }
        #expect(clock.run { $0.handle(.response(TestMessages.response(200, to: invite))) } == [])
        #expect(clock.run { $0.handle(.timerFired(.A)) } == [])
        #expect(clock.run { $0.handle(.start) } == [])
    }
}
