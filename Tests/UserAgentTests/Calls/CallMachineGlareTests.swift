import Testing
@testable import UserAgent

/// Re-INVITE glare (RFC 3261 §14.1): 491 in, a random back-off out, the same re-INVITE
/// again when it fires. Time is virtual: the back-off is a timer action.
@Suite(.timeLimit(.minutes(1)))
struct CallMachineGlareTests {
    func established(_ direction: CallDirection, seed: UInt64 = 7) -> CallMachine {
        var m = CallMachine(direction: direction, seed: seed)
        if direction == .outgoing {
            _ = m.handle(.answered)
        } else {
            _ = m.handle(.answer)
            _ = m.handle(.ackReceived)
        }
        return m
    }

    func backoff(_ actions: [CallAction]) -> Duration? {
        guard actions.count == 1, case .startTimer(.glareRetry, let after) = actions[0] else { return nil }
        return after
    }

    @Test func the491IsRetriedAfterTheBackoff() throws {
        var m = established(.outgoing)
        #expect(!m.refusesPeerReinvite)
        #expect(m.handle(.hold) == [.sendReinvite(hold: true)])
        #expect(m.refusesPeerReinvite, "a re-INVITE from the peer now crosses ours")
        let wait = try #require(backoff(m.handle(.reinviteFinished(code: 491))))
        #expect(wait >= .milliseconds(2100) && wait <= .seconds(4))
        #expect(!m.refusesPeerReinvite, "during the back-off the peer's re-INVITE is taken")
        #expect(m.state == .established)
        #expect(m.handle(.hold) == [], "the retry is already planned")
        #expect(m.handle(.timerFired(.glareRetry)) == [.sendReinvite(hold: true)])
        #expect(m.refusesPeerReinvite)
        #expect(m.handle(.reinviteFinished(code: 200)) == [.report])
        #expect(m.state == .held(.local))
    }

    /// The caller owns the Call-ID: 2.1–4 s; the callee: 0–2 s; always whole 10 ms steps.
    @Test(arguments: [CallDirection.outgoing, .incoming])
    func backoffRangeDependsOnWhoOwnsTheCallID(direction: CallDirection) throws {
        var seen: Set<Duration> = []
        for seed in UInt64(0)..<200 {
            var m = established(direction, seed: seed)
            _ = m.handle(.hold)
            let wait = try #require(backoff(m.handle(.reinviteFinished(code: 491))))
            let ms = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
            #expect(ms % 10 == 0)
            if direction == .outgoing { #expect((2100...4000).contains(ms)) } else { #expect((0...2000).contains(ms)) }
            seen.insert(wait)
        }
        #expect(seen.count > 50, "the back-off is random, not one value")
    }

    @Test func sameSeedSameBackoff() {
        var a = established(.incoming, seed: 42), b = established(.incoming, seed: 42)
        _ = a.handle(.resume); _ = b.handle(.resume)
        _ = a.handle(.hold); _ = b.handle(.hold)
        #expect(a.handle(.reinviteFinished(code: 491)) == b.handle(.reinviteFinished(code: 491)))
    }

    @Test func changingYourMindDuringTheBackoff() throws {
        var m = established(.incoming)
        _ = m.handle(.hold)
        _ = try #require(backoff(m.handle(.reinviteFinished(code: 491))))
        // Hold was never agreed: resuming now leaves nothing to send.
        #expect(m.handle(.resume) == [.cancelTimer(.glareRetry)])
        #expect(m.handle(.timerFired(.glareRetry)) == [])
        #expect(m.handle(.hold) == [.sendReinvite(hold: true)], "a fresh attempt")
    }

    @Test func givesUpAfterTooMany491s() throws {
        var m = established(.outgoing)
        _ = m.handle(.hold)
        for _ in 0..<m.timing.maxGlareRetries {
            _ = try #require(backoff(m.handle(.reinviteFinished(code: 491))))
            #expect(m.handle(.timerFired(.glareRetry)) == [.sendReinvite(hold: true)])
        }
        #expect(m.handle(.reinviteFinished(code: 491)) == [])
        #expect(m.state == .established)
        #expect(!m.refusesPeerReinvite)
        #expect(m.handle(.hold) == [.sendReinvite(hold: true)])
    }

    @Test func hangingUpDuringTheBackoffSendsNoReinvite() throws {
        var m = established(.outgoing)
        _ = m.handle(.hold)
        _ = try #require(backoff(m.handle(.reinviteFinished(code: 491))))
        #expect(m.handle(.hangup) == [.sendBye, .report])
        #expect(m.handle(.timerFired(.glareRetry)) == [])
    }

    @Test func aPeerHoldDuringTheBackoffIsShownAndOursFollows() throws {
        var m = established(.incoming)
        _ = m.handle(.hold)
        _ = try #require(backoff(m.handle(.reinviteFinished(code: 491))))
        #expect(m.handle(.remoteHold(true)) == [.report])
        #expect(m.state == .held(.remote))
        #expect(m.handle(.timerFired(.glareRetry)) == [.sendReinvite(hold: true)])
        #expect(m.handle(.reinviteFinished(code: 200)) == [.report])
        #expect(m.state == .held(.both))
    }
}

@Suite(.timeLimit(.minutes(1)))
struct CallMachineHoldBeforeACKTests {
    /// §14.1: no re-INVITE while our 2xx waits for its ACK; the hold goes right after it.
    @Test func holdAskedBeforeTheACKWaitsForIt() {
        var m = CallMachine(direction: .incoming)
        _ = m.handle(.answer)
        #expect(m.handle(.hold) == [])
        #expect(m.handle(.ackReceived)
                == [.cancelTimer(.acceptRetransmit), .cancelTimer(.ackWait), .report, .sendReinvite(hold: true)])
        #expect(m.handle(.reinviteFinished(code: 200)) == [.report])
        #expect(m.state == .held(.local))
    }

    @Test func holdThenResumeBeforeTheACKSendsNothing() {
        var m = CallMachine(direction: .incoming)
        _ = m.handle(.answer)
        _ = m.handle(.hold)
        _ = m.handle(.resume)
        #expect(m.handle(.ackReceived) == [.cancelTimer(.acceptRetransmit), .cancelTimer(.ackWait), .report])
    }
}
