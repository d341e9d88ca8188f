import Media
import Testing
@testable import UserAgent

/// Which sound the phone makes for which calls, on an injected clock.
@Suite struct CallSoundPolicyTests {
    let t0 = ContinuousClock.now

    func call(_ id: Int, _ direction: CallDirection, _ state: CallState, end: CallEnd.Reason? = nil) -> CallSnapshot {
        CallSnapshot(id: id, account: "a", direction: direction, remoteURI: "sip:b@x", remoteName: nil, state: state,
                     end: end.map { CallEnd($0) })
    }

    @Test func anIncomingCallRingsAndAnsweringStopsIt() {
        var policy = CallSoundPolicy()
        policy.update(call(1, .incoming, .incoming), now: t0)
        #expect(policy.sounds(now: t0) == .init(ringtone: true))
        policy.update(call(1, .incoming, .established), now: t0)
        #expect(policy.sounds(now: t0) == .init())
    }

    @Test func aSecondCallDuringACallBeepsInsteadOfRinging() {
        var policy = CallSoundPolicy()
        policy.update(call(1, .outgoing, .established), now: t0)
        policy.update(call(2, .incoming, .incoming), now: t0)
        #expect(policy.sounds(now: t0) == .init(tone: .callWaiting))
        // The first call held (the user switches): now it simply rings.
        policy.update(call(1, .outgoing, .held(.local)), now: t0)
        #expect(policy.sounds(now: t0) == .init(ringtone: true))
    }

    @Test func ringbackWhileTheFarEndRingsButNotWithEarlyMedia() {
        var policy = CallSoundPolicy()
        policy.update(call(1, .outgoing, .trying), now: t0)
        #expect(policy.sounds(now: t0) == .init())
        policy.update(call(1, .outgoing, .ringing), now: t0)
        #expect(policy.sounds(now: t0) == .init(tone: .ringback))
        policy.update(call(1, .outgoing, .earlyMedia), now: t0)
        #expect(policy.sounds(now: t0) == .init())
    }

    @Test func busyPlaysForThreeSecondsAfterABusyEnd() {
        var policy = CallSoundPolicy()
        policy.update(call(1, .outgoing, .ringing), now: t0)
        policy.update(call(1, .outgoing, .terminated, end: .busy), now: t0)
        #expect(policy.sounds(now: t0 + .seconds(1)) == .init(tone: .busy))
        #expect(policy.nextChange == t0 + .seconds(3))
        #expect(policy.sounds(now: t0 + .seconds(3)) == .init())
    }

    @Test func congestionAfterAFailureButNothingAfterAHangupOrAnIncomingEnd() {
        var policy = CallSoundPolicy()
        policy.update(call(1, .outgoing, .terminated, end: .unavailable), now: t0)
        #expect(policy.sounds(now: t0) == .init(tone: .congestion))
        var hangup = CallSoundPolicy()
        hangup.update(call(1, .outgoing, .terminated, end: .remoteHangup), now: t0)
        #expect(hangup.sounds(now: t0) == .init())
        var missed = CallSoundPolicy()
        missed.update(call(1, .incoming, .terminated, end: .busy), now: t0)
        #expect(missed.sounds(now: t0) == .init())
    }

    @Test func aNewCallSilencesTheFailureTone() {
        var policy = CallSoundPolicy()
        policy.update(call(1, .outgoing, .terminated, end: .busy), now: t0)
        policy.update(call(2, .outgoing, .trying), now: t0)
        #expect(policy.sounds(now: t0) == .init())
    }
}
