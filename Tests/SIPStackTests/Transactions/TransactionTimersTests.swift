import Testing
@testable import SIPStack

@Suite struct TransactionTimersTests {
    @Test func defaultsFollowTable4() {
        let t = TransactionTimers()
        #expect(t.t1 == .milliseconds(500) && t.t2 == .seconds(4) && t.t4 == .seconds(5))
        #expect(t.a == .milliseconds(500) && t.e == .milliseconds(500) && t.g == .milliseconds(500))
        for value in [t.b, t.f, t.h, t.l, t.m, t.j(reliable: false)] { #expect(value == .seconds(32)) }
        #expect(t.d(reliable: false) == .seconds(32))
        #expect(t.i(reliable: false) == .seconds(5) && t.k(reliable: false) == .seconds(5))
        for value in [t.d(reliable: true), t.i(reliable: true), t.j(reliable: true), t.k(reliable: true)] {
            #expect(value == .zero)
        }
    }

    @Test func derivedTimersFollowAConfiguredT1() {
        let t = TransactionTimers(t1: .milliseconds(100), t2: .seconds(1), t4: .seconds(2))
        #expect(t.b == .milliseconds(6400) && t.l == .milliseconds(6400) && t.m == .milliseconds(6400))
        #expect(t.k(reliable: false) == .seconds(2))
        #expect(t.d(reliable: false) == .seconds(32))
        #expect(TransactionTimers(t1: .seconds(1)).d(reliable: false) == .seconds(64))
    }

    @Test func configuredTimersDriveTheMachines() {
        let timers = TransactionTimers(t1: .milliseconds(100), t2: .milliseconds(400), t4: .seconds(1))
        var clock = VirtualTimers(ClientNonInviteTransaction(request: TestMessages.options(), reliable: false, timers: timers))
        clock.run { $0.handle(.start) }
        clock.advance(by: .seconds(10))
        #expect(clock.sendTimes.prefix(6) == [0, 100, 300, 700, 1100, 1500].map(ms)[...])
        #expect(clock.log.last?.at == .milliseconds(6400))
    }
}
