import SIPMessage
import Testing
@testable import SIPStack

/// One test per transition of RFC 3261 Figure 8 (non-INVITE server transaction).
@Suite struct ServerNonInviteTransactionTests {
    let options = TestMessages.options()

    func started(reliable: Bool = false) -> VirtualTimers<ServerNonInviteTransaction> {
        var clock = VirtualTimers(ServerNonInviteTransaction(request: options, reliable: reliable))
        clock.run { $0.handle(.start) }
        return clock
    }

    @Test func startPassesTheRequestUp() {
        let clock = started()
        #expect(clock.actions == [.deliverRequest(options)])
        #expect(clock.machine.phase == .trying)
    }

    @Test func retransmissionInTryingIsAbsorbed() {
        var clock = started()
        #expect(clock.run { $0.handle(.request(options)) } == [])
        #expect(clock.machine.phase == .trying)
    }

    @Test func provisionalMovesToProceedingAndIsResentOnRetransmission() {
        var clock = started()
        let trying = TestMessages.response(100, to: options, toTag: nil)
        #expect(clock.run { $0.handle(.respond(trying)) } == [.send(.response(trying))])
        #expect(clock.machine.phase == .proceeding)
        #expect(clock.run { $0.handle(.request(options)) } == [.send(.response(trying))])
    }

    @Test func finalFromTryingCompletesWithJ() {
        var clock = started()
        let ok = TestMessages.response(200, to: options)
        #expect(clock.run { $0.handle(.respond(ok)) } == [.send(.response(ok)), .startTimer(.J, after: .seconds(32))])
        #expect(clock.machine.lastTransition?.description == "Trying → Completed (200 from TU)")
    }

    @Test func finalFromProceedingCompletes() {
        var clock = started()
        clock.run { $0.handle(.respond(TestMessages.response(100, to: options, toTag: nil))) }
        let notFound = TestMessages.response(404, to: options)
        #expect(clock.run { $0.handle(.respond(notFound)) } == [.send(.response(notFound)), .startTimer(.J, after: .seconds(32))])
        #expect(clock.machine.phase == .completed)
    }

    @Test func completedResendsTheFinalIgnoresTheTUAndJEnds() {
        var clock = started()
        let ok = TestMessages.response(200, to: options)
        clock.run { $0.handle(.respond(ok)) }
        #expect(clock.run { $0.handle(.request(options)) } == [.send(.response(ok))])
        #expect(clock.run { $0.handle(.respond(TestMessages.response(500, to: options))) } == [])
        clock.advance(by: ms(31_999))
        #expect(clock.machine.phase == .completed)
        clock.advance(by: ms(1))
        #expect(clock.machine.phase == .terminated)
        #expect(clock.machine.lastTransition?.description == "Completed → Terminated (timer J)")
    }

    @Test func reliableTransportZeroesJ() {
        var clock = started(reliable: true)
        let ok = TestMessages.response(200, to: options)
        #expect(clock.run { $0.handle(.respond(ok)) } == [.send(.response(ok)), .terminated])
        #expect(clock.machine.phase == .terminated)
    }

    @Test func transportErrors() {
        var trying = started()
        #expect(trying.run { $0.handle(.transportError) } == [])
        var proceeding = started()
        proceeding.run { $0.handle(.respond(TestMessages.response(100, to: options, toTag: nil))) }
        #expect(proceeding.run { $0.handle(.transportError) } == [.transportFailed, .terminated])
        var completed = started()
        completed.run { $0.handle(.respond(TestMessages.response(200, to: options))) }
        #expect(completed.run { $0.handle(.transportError) } == [.cancelTimer(.J), .transportFailed, .terminated])
        #expect(completed.machine.phase == .terminated)
    }
}
