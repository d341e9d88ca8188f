import Testing
@testable import SIPStack

@Test func cursorHandsOutInOrderAndSkipsRecentFailures() {
    let t0 = ContinuousClock.now
    let a = Located.udp("192.0.2.1"), b = Located.udp("192.0.2.2"), c = Located.udp("192.0.2.3")
    var cursor = TargetCursor([a, b, c], failed: FailedTargets(holdTime: .seconds(30)))
    #expect(cursor.next(now: t0) == a)
    cursor.markFailed(a, now: t0)
    #expect(cursor.next(now: t0) == b)
    #expect(cursor.next(now: t0) == c)
    #expect(cursor.next(now: t0) == nil)

    // A later request skips a while it is remembered, tries it last, then normally again.
    var later = TargetCursor([a, b, c], failed: cursor.failed)
    #expect(later.next(now: t0 + .seconds(10)) == b)
    #expect(later.next(now: t0 + .seconds(10)) == c)
    #expect(later.next(now: t0 + .seconds(10)) == a)
    var afterHold = TargetCursor([a, b, c], failed: cursor.failed)
    #expect(afterHold.next(now: t0 + .seconds(30)) == a)
}

@Test func failureCanBeHeldForRetryAfter() {
    let t0 = ContinuousClock.now
    let a = Located.udp("192.0.2.1"), b = Located.udp("192.0.2.2")
    var failed = FailedTargets(holdTime: .seconds(5))
    failed.markFailed(a, now: t0, for: .seconds(120))
    #expect(failed.hasFailed(a, now: t0 + .seconds(100)))
    #expect(!failed.hasFailed(a, now: t0 + .seconds(120)))
    #expect(!failed.hasFailed(b, now: t0))
}
