import SIPMessage
import Testing
@testable import SIPStack

/// One test per transition of RFC 3261 Figure 6 (non-INVITE client transaction).
@Suite struct ClientNonInviteTransactionTests {
    let options = TestMessages.options()

    func started(reliable: Bool = false) -> VirtualTimers<ClientNonInviteTransaction> {
        var clock = VirtualTimers(ClientNonInviteTransaction(request: options, reliable: reliable))
        clock.run { $0.handle(.start) }
        return clock
    }

    @Test func startSendsRequestAndArmsEAndF() {
        let clock = started()
        #expect(clock.actions == [.send(.request(options)), .startTimer(.E, after: ms(500)),
                                  .startTimer(.F, after: .seconds(32))])
        #expect(clock.machine.phase == .trying)
    }

    @Test func timerEDoublesCappedAtT2ThenFTimesOut() {
        var clock = started()
        clock.advance(by: .seconds(40))
        // Intervals 0.5, 1, 2, 4, 4, 4 … s: capped at T2.
        #expect(clock.sendTimes == [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500].map(ms))
        #expect(Array(clock.actions.suffix(3)) == [.cancelTimer(.E), .timeout, .terminated])
        #expect(clock.log.last?.at == .seconds(32))
        #expect(clock.machine.lastTransition?.description == "Trying → Terminated (timer F)")
    }

    @Test func provisionalMovesToProceedingWhereERetransmitsEveryT2() {
        var clock = started()
        clock.advance(by: ms(600))  // sent at 0 and 500 ms; E next due at 1500 ms
        let trying = TestMessages.response(100, to: options, toTag: nil)
        #expect(clock.run { $0.handle(.response(trying)) } == [.deliver(trying)])
        #expect(clock.machine.phase == .proceeding)
        clock.advance(by: ms(9_400))  // to 10 s
        #expect(clock.sendTimes == [0, 500, 1500, 5500, 9500].map(ms))
    }

    @Test func provisionalInProceedingIsPassedUp() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(100, to: options, toTag: nil))) }
        let more = TestMessages.response(183, to: options)
        #expect(clock.run { $0.handle(.response(more)) } == [.deliver(more)])
    }

    @Test func timerFInProceedingTimesOut() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(100, to: options, toTag: nil))) }
        clock.advance(by: .seconds(32))
        #expect(clock.machine.phase == .terminated)
        #expect(clock.actions.contains(.timeout))
        #expect(clock.machine.lastTransition?.description == "Proceeding → Terminated (timer F)")
    }

    @Test(arguments: [200, 302, 404, 500, 603])
    func finalInTryingCompletesWithTimerK(code: Int) {
        var clock = started()
        let final = TestMessages.response(code, to: options)
        #expect(clock.run { $0.handle(.response(final)) }
            == [.cancelTimer(.E), .cancelTimer(.F), .deliver(final), .startTimer(.K, after: .seconds(5))])
        #expect(clock.machine.phase == .completed)
    }

    @Test func finalInProceedingCompletes() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(100, to: options, toTag: nil))) }
        let ok = TestMessages.response(200, to: options)
        #expect(clock.run { $0.handle(.response(ok)) }.contains(.deliver(ok)))
        #expect(clock.machine.lastTransition?.description == "Proceeding → Completed (200 received)")
    }

    @Test func completedAbsorbsRetransmittedFinalsAndKTerminates() {
        var clock = started()
        let ok = TestMessages.response(200, to: options)
        clock.run { $0.handle(.response(ok)) }
        #expect(clock.run { $0.handle(.response(ok)) } == [])
        clock.advance(by: ms(4_999))
        #expect(clock.machine.phase == .completed)
        clock.advance(by: ms(1))
        #expect(clock.machine.phase == .terminated)
        #expect(clock.sendTimes == [.zero])
    }

    @Test func reliableTransportSkipsEAndZeroesK() {
        var clock = started(reliable: true)
        #expect(clock.actions == [.send(.request(options)), .startTimer(.F, after: .seconds(32))])
        let ok = TestMessages.response(200, to: options)
        #expect(clock.run { $0.handle(.response(ok)) } == [.cancelTimer(.F), .deliver(ok), .terminated])
        #expect(clock.machine.transitions.map(\.description).suffix(2)
            == ["Trying → Completed (200 received)", "Completed → Terminated (timer K)"])
    }

    @Test func transportErrorInTryingAndProceedingInformsTU() {
        var trying = started()
        #expect(trying.run { $0.handle(.transportError) } == [.cancelTimer(.E), .cancelTimer(.F), .transportFailed, .terminated])
        var proceeding = started()
        proceeding.run { $0.handle(.response(TestMessages.response(100, to: options, toTag: nil))) }
        #expect(proceeding.run { $0.handle(.transportError) } == [.cancelTimer(.E), .cancelTimer(.F), .transportFailed, .terminated])
        #expect(proceeding.machine.phase == .terminated)
    }

    @Test func transportErrorInCompletedIsIgnored() {
        var clock = started()
        clock.run { $0.handle(.response(TestMessages.response(200, to: options))) }
        #expect(clock.run { $0.handle(.transportError) } == [])
        #expect(clock.machine.phase == .completed)
    }
}
