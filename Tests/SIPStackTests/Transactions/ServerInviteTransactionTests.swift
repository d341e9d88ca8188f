import SIPMessage
import Testing
@testable import SIPStack

/// One test per transition of RFC 6026 Figure 7 (INVITE server transaction).
@Suite struct ServerInviteTransactionTests {
    let invite = TestMessages.invite()
    var ack: SIPRequest { TestMessages.request("ACK", toTag: "a6c85cf") }

    func started(reliable: Bool = false) -> VirtualTimers<ServerInviteTransaction> {
        var clock = VirtualTimers(ServerInviteTransaction(request: invite, reliable: reliable))
        clock.run { $0.handle(.start) }
        return clock
    }

    @Test func startPassesInviteUpAndArmsTheTryingTimer() {
        let clock = started()
        #expect(clock.actions == [.deliverRequest(invite), .startTimer(.trying100, after: ms(200))])
        #expect(clock.machine.phase == .proceeding)
    }

    @Test func hundredTryingSentWhenTheTUIsSilentFor200ms() throws {
        var clock = started()
        clock.advance(by: ms(199))
        #expect(clock.sent.isEmpty)
        clock.advance(by: ms(1))
        #expect(clock.sendTimes == [ms(200)])
        let trying = try #require(clock.sent.first?.response)
        #expect(trying.statusCode == 100)
        #expect(trying.headers.fields(named: "Via").map(\.value) == invite.headers.fields(named: "Via").map(\.value))
        #expect(trying.headers.first("To") == invite.headers.first("To"))
        #expect(trying.headers.first("CSeq") == "314159 INVITE")
        // An INVITE retransmission is answered with that 100.
        #expect(clock.run { $0.handle(.request(invite)) } == [.send(.response(trying))])
    }

    @Test func aProvisionalFromTheTUCancelsTheTryingTimer() {
        var clock = started()
        let ringing = TestMessages.response(180, to: invite)
        #expect(clock.run { $0.handle(.respond(ringing)) } == [.cancelTimer(.trying100), .send(.response(ringing))])
        clock.advance(by: .seconds(1))
        #expect(clock.sent == [.response(ringing)])
    }

    @Test func retransmissionBeforeAnyResponseIsAbsorbed() {
        var clock = started()
        #expect(clock.run { $0.handle(.request(invite)) } == [])
    }

    @Test func retransmissionInProceedingResendsTheLastProvisional() {
        var clock = started()
        clock.run { $0.handle(.respond(TestMessages.response(180, to: invite))) }
        let progress = TestMessages.response(183, to: invite)
        clock.run { $0.handle(.respond(progress)) }
        #expect(clock.run { $0.handle(.request(invite)) } == [.send(.response(progress))])
        #expect(clock.machine.phase == .proceeding)
    }

    @Test func nonSuccessFinalMovesToCompletedAndGDoublesToT2() {
        var clock = started()
        let busy = TestMessages.response(486, to: invite)
        #expect(clock.run { $0.handle(.respond(busy)) } == [
            .cancelTimer(.trying100), .send(.response(busy)), .startTimer(.G, after: ms(500)),
            .startTimer(.H, after: .seconds(32)),
        ])
        #expect(clock.machine.phase == .completed)
        clock.advance(by: ms(16_000))
        // Sent at 0, then G after 0.5, 1, 2, 4, 4, 4 s.
        #expect(clock.sendTimes == [0, 500, 1500, 3500, 7500, 11500, 15500].map(ms))
        #expect(clock.sent.allSatisfy { $0 == .response(busy) })
    }

    @Test func timerHEndsCompletedWithoutAck() {
        var clock = started()
        clock.run { $0.handle(.respond(TestMessages.response(486, to: invite))) }
        clock.advance(by: .seconds(32))
        #expect(clock.machine.phase == .terminated)
        #expect(Array(clock.actions.suffix(3)) == [.cancelTimer(.G), .timeout, .terminated])
        #expect(clock.machine.lastTransition?.description == "Completed → Terminated (timer H)")
    }

    @Test func inviteRetransmissionInCompletedResendsTheFinal() {
        var clock = started()
        let busy = TestMessages.response(486, to: invite)
        clock.run { $0.handle(.respond(busy)) }
        #expect(clock.run { $0.handle(.request(invite)) } == [.send(.response(busy))])
    }

    @Test func ackMovesToConfirmedAndIEnds() {
        var clock = started()
        clock.run { $0.handle(.respond(TestMessages.response(486, to: invite))) }
        clock.advance(by: ms(700))
        #expect(clock.run { $0.handle(.request(ack)) }
            == [.cancelTimer(.G), .cancelTimer(.H), .startTimer(.I, after: .seconds(5))])
        #expect(clock.machine.phase == .confirmed)
        #expect(clock.machine.lastTransition?.description == "Completed → Confirmed (ACK received)")
        // ACK retransmissions are absorbed, nothing more is sent.
        #expect(clock.run { $0.handle(.request(ack)) } == [])
        clock.advance(by: .seconds(5))
        #expect(clock.machine.phase == .terminated)
        #expect(clock.sendTimes == [0, 500].map(ms))
    }

    @Test func successFinalMovesToAcceptedWithL() {
        var clock = started()
        let ok = TestMessages.response(200, to: invite)
        #expect(clock.run { $0.handle(.respond(ok)) }
            == [.cancelTimer(.trying100), .send(.response(ok)), .startTimer(.L, after: .seconds(32))])
        #expect(clock.machine.phase == .accepted)
    }

    @Test func acceptedPassesAcksUpAbsorbsInvitesAndSendsTUsRetransmissions() {
        var clock = started()
        let ok = TestMessages.response(200, to: invite)
        clock.run { $0.handle(.respond(ok)) }
        #expect(clock.run { $0.handle(.request(invite)) } == [])
        #expect(clock.run { $0.handle(.respond(ok)) } == [.send(.response(ok))])
        #expect(clock.run { $0.handle(.request(ack)) } == [.deliverACK(ack)])
        #expect(clock.machine.phase == .accepted)
        clock.advance(by: .seconds(32))
        #expect(clock.machine.phase == .terminated)
        #expect(clock.machine.lastTransition?.description == "Accepted → Terminated (timer L)")
    }

    @Test func reliableTransportSkipsGAndZeroesI() {
        var clock = started(reliable: true)
        let busy = TestMessages.response(486, to: invite)
        #expect(clock.run { $0.handle(.respond(busy)) }
            == [.cancelTimer(.trying100), .send(.response(busy)), .startTimer(.H, after: .seconds(32))])
        #expect(clock.run { $0.handle(.request(ack)) } == [.cancelTimer(.H), .terminated])
        #expect(clock.machine.transitions.map(\.description).suffix(2)
            == ["Completed → Confirmed (ACK received)", "Confirmed → Terminated (timer I)"])
    }

    @Test func transportErrorInProceedingInformsTU() {
        var clock = started()
        #expect(clock.run { $0.handle(.transportError) } == [.cancelTimer(.trying100), .transportFailed, .terminated])
        #expect(clock.machine.phase == .terminated)
    }

    @Test func transportErrorInCompletedInformsTU() {
        var clock = started()
        clock.run { $0.handle(.respond(TestMessages.response(500, to: invite))) }
        #expect(clock.run { $0.handle(.transportError) } == [.cancelTimer(.G), .cancelTimer(.H), .transportFailed, .terminated])
    }

    @Test func transportErrorInAcceptedAndConfirmed() {
        var accepted = started()
        accepted.run { $0.handle(.respond(TestMessages.response(200, to: invite))) }
        #expect(accepted.run { $0.handle(.transportError) } == [.transportFailed])
        #expect(accepted.machine.phase == .accepted)
        var confirmed = started()
        confirmed.run { $0.handle(.respond(TestMessages.response(404, to: invite))) }
        confirmed.run { $0.handle(.request(ack)) }
        #expect(confirmed.run { $0.handle(.transportError) } == [])
        #expect(confirmed.machine.phase == .confirmed)
    }

    @Test func anOutOfRangeStatusFromTheTUChangesNothing() {
        var clock = started()
        #expect(clock.run { $0.handle(.respond(SIPResponse(statusCode: 99, reasonPhrase: "x"))) } == [])
        clock.advance(by: ms(200))
        #expect(clock.sent.first?.response?.statusCode == 100)
    }
}
