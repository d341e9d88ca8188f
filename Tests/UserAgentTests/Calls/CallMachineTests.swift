import Testing
@testable import UserAgent

/// The call state machine, transition by transition. Time is virtual: timers are actions
/// out and `.timerFired` in.
struct CallMachineTests {
    typealias Step = (input: CallInput, state: CallState, actions: [CallAction])

    /// Runs `steps` from a fresh machine and checks state and actions after each.
    @discardableResult
    func run(_ direction: CallDirection, _ steps: [Step], timing: CallMachine.Timing = .init(),
             sourceLocation: SourceLocation = #_sourceLocation) -> CallMachine {
        var machine = CallMachine(direction: direction, timing: timing)
        for (index, step) in steps.enumerated() {
            let actions = machine.handle(step.input)
            #expect(machine.state == step.state, "step \(index) \(step.input)", sourceLocation: sourceLocation)
            #expect(actions == step.actions, "step \(index) \(step.input)", sourceLocation: sourceLocation)
        }
        return machine
    }

    // MARK: Outgoing

    @Test func outgoingStartsTrying() {
        let machine = CallMachine(direction: .outgoing)
        #expect(machine.state == .trying)
        #expect(machine.startActions() == [.report])
    }

    @Test func outgoingProgressToAnswerAndHangup() {
        let m = run(.outgoing, [
            (.provisional(code: 100, hasBody: false), .proceeding, [.report]),
            (.provisional(code: 100, hasBody: false), .proceeding, []),
            (.provisional(code: 180, hasBody: false), .ringing, [.report]),
            (.provisional(code: 183, hasBody: true), .earlyMedia, [.report]),
            (.answered, .established, [.sendACK, .report]),
            (.answered, .established, [.sendACK]), // a retransmitted 2xx
            (.hangup, .terminating, [.sendBye, .report]),
            (.byeFinished, .terminated, [.report]),
        ])
        #expect(m.end == CallEnd(.localHangup))
    }

    @Test func anUnusableAnswerEndsTheCallWithItsReason() {
        let m = run(.outgoing, [
            (.answered, .established, [.sendACK, .report]),
            (.mediaFailed("the peer answered without an SRTP key"), .terminating, [.sendBye, .report]),
            (.mediaFailed("again"), .terminating, []),
            (.byeFinished, .terminated, [.report]),
        ])
        #expect(m.end == CallEnd(.failed, detail: "the peer answered without an SRTP key"))
    }

    @Test func progressWithoutBodyIsNotEarlyMedia() {
        run(.outgoing, [(.provisional(code: 183, hasBody: false), .proceeding, [.report])])
    }

    @Test func answeredWithoutProvisional() {
        run(.outgoing, [(.answered, .established, [.sendACK, .report])])
    }

    @Test(arguments: [
        (486, CallEnd.Reason.busy), (600, .busy), (603, .declined), (404, .notFound), (604, .notFound),
        (480, .timeout), (408, .timeout), (503, .unavailable), (500, .unavailable), (403, .rejected), (488, .failed),
    ])
    func failuresMapToReasons(code: Int, reason: CallEnd.Reason) {
        let m = run(.outgoing, [
            (.provisional(code: 180, hasBody: false), .ringing, [.report]),
            (.failed(code: code, reason: "x", canRedirect: false), .terminated, [.report]),
        ])
        #expect(m.end == CallEnd(reason, code: code, detail: "x"))
    }

    @Test func noResponseIsATimeout() {
        let m = run(.outgoing, [(.noResponse("timer B"), .terminated, [.report])])
        #expect(m.end == CallEnd(.timeout, detail: "timer B"))
    }

    @Test func cancelAfterProvisional() {
        let m = run(.outgoing, [
            (.provisional(code: 180, hasBody: false), .ringing, [.report]),
            (.hangup, .terminating, [.sendCancel, .report]),
            (.hangup, .terminating, []),
            (.failed(code: 487, reason: "Request Terminated", canRedirect: false), .terminated, [.report]),
        ])
        #expect(m.end == CallEnd(.cancelled))
    }

    @Test func cancelWaitsForTheFirstProvisional() {
        // §9.1: no CANCEL before a 1xx; it goes out when one arrives.
        run(.outgoing, [
            (.hangup, .terminating, [.report]),
            (.provisional(code: 100, hasBody: false), .terminating, [.sendCancel]),
            (.provisional(code: 180, hasBody: false), .terminating, []),
            (.failed(code: 487, reason: "", canRedirect: false), .terminated, [.report]),
        ])
    }

    @Test func cancelledCallThatNeverHeardBackEnds() {
        let m = run(.outgoing, [
            (.hangup, .terminating, [.report]),
            (.noResponse("timeout"), .terminated, [.report]),
        ])
        #expect(m.end == CallEnd(.cancelled))
    }

    @Test func twoHundredCrossesCancel() {
        // The 2xx raced our CANCEL: ACK it, then BYE (§15).
        let m = run(.outgoing, [
            (.provisional(code: 180, hasBody: false), .ringing, [.report]),
            (.hangup, .terminating, [.sendCancel, .report]),
            (.answered, .terminating, [.sendACK, .sendBye]),
            (.byeFinished, .terminated, [.report]),
        ])
        #expect(m.end == CallEnd(.cancelled))
    }

    @Test func twoHundredBeforeAnyProvisionalAfterHangup() {
        run(.outgoing, [
            (.hangup, .terminating, [.report]),
            (.answered, .terminating, [.sendACK, .sendBye]),
            (.provisional(code: 180, hasBody: false), .terminating, []),
            (.byeFinished, .terminated, [.report]),
        ])
    }

    @Test func finalOtherThan487AfterCancel() {
        let m = run(.outgoing, [
            (.provisional(code: 180, hasBody: false), .ringing, [.report]),
            (.hangup, .terminating, [.sendCancel, .report]),
            (.failed(code: 486, reason: "Busy Here", canRedirect: false), .terminated, [.report]),
        ])
        #expect(m.end?.reason == .busy)
    }

    @Test func redirectIsFollowedUpToTheLimit() {
        var timing = CallMachine.Timing()
        timing.maxRedirects = 2
        let m = run(.outgoing, [
            (.failed(code: 302, reason: "Moved", canRedirect: true), .trying, [.followRedirect, .report]),
            (.provisional(code: 100, hasBody: false), .proceeding, [.report]),
            (.failed(code: 301, reason: "Moved", canRedirect: true), .trying, [.followRedirect, .report]),
            (.failed(code: 302, reason: "Moved", canRedirect: true), .terminated, [.report]),
        ], timing: timing)
        #expect(m.end?.reason == .redirected)
    }

    @Test func redirectWithoutTargetEnds() {
        run(.outgoing, [(.failed(code: 302, reason: "Moved", canRedirect: false), .terminated, [.report])])
    }

    @Test func remoteByeDuringEarlyDialogOrCall() {
        let m = run(.outgoing, [
            (.provisional(code: 180, hasBody: false), .ringing, [.report]),
            (.answered, .established, [.sendACK, .report]),
            (.byeReceived, .terminated, [.report]),
            (.hangup, .terminated, []),
        ])
        #expect(m.end == CallEnd(.remoteHangup))
    }

    @Test func byeCrossesOurBye() {
        let m = run(.outgoing, [
            (.answered, .established, [.sendACK, .report]),
            (.hangup, .terminating, [.sendBye, .report]),
            (.byeReceived, .terminated, [.report]),
            (.byeFinished, .terminated, []),
        ])
        #expect(m.end == CallEnd(.localHangup))
    }

    // MARK: Incoming

    @Test func incomingRingsWithATimeout() {
        let machine = CallMachine(direction: .incoming)
        #expect(machine.state == .incoming)
        #expect(machine.startActions() == [.startTimer(.ringTimeout, after: .seconds(180)), .report])
    }

    @Test func incomingAnswerRetransmitsUntilACK() {
        var timing = CallMachine.Timing()
        timing.t1 = .milliseconds(500)
        timing.t2 = .seconds(4)
        let m = run(.incoming, [
            (.answer, .established, [.cancelTimer(.ringTimeout), .acceptInvite,
                                     .startTimer(.acceptRetransmit, after: .milliseconds(500)),
                                     .startTimer(.ackWait, after: .seconds(32)), .report]),
            (.timerFired(.acceptRetransmit), .established, [.retransmitAccept, .startTimer(.acceptRetransmit, after: .seconds(1))]),
            (.timerFired(.acceptRetransmit), .established, [.retransmitAccept, .startTimer(.acceptRetransmit, after: .seconds(2))]),
            (.timerFired(.acceptRetransmit), .established, [.retransmitAccept, .startTimer(.acceptRetransmit, after: .seconds(4))]),
            (.timerFired(.acceptRetransmit), .established, [.retransmitAccept, .startTimer(.acceptRetransmit, after: .seconds(4))]),
            (.ackReceived, .established, [.cancelTimer(.acceptRetransmit), .cancelTimer(.ackWait), .report]),
            (.ackReceived, .established, []),
            (.cancelReceived, .established, []),
        ], timing: timing)
        #expect(m.phase == .established)
    }

    @Test func noACKEndsTheCallWithBye() {
        let m = run(.incoming, [
            (.answer, .established, [.cancelTimer(.ringTimeout), .acceptInvite,
                                     .startTimer(.acceptRetransmit, after: .milliseconds(500)),
                                     .startTimer(.ackWait, after: .seconds(32)), .report]),
            (.timerFired(.ackWait), .terminating, [.cancelTimer(.acceptRetransmit), .sendBye, .report]),
            (.byeFinished, .terminated, [.report]),
        ])
        #expect(m.end?.reason == .failed)
    }

    @Test func hangupBeforeACKWaitsForIt() {
        let m = run(.incoming, [
            (.answer, .established, [.cancelTimer(.ringTimeout), .acceptInvite,
                                     .startTimer(.acceptRetransmit, after: .milliseconds(500)),
                                     .startTimer(.ackWait, after: .seconds(32)), .report]),
            (.hangup, .established, []),
            (.ackReceived, .terminating, [.cancelTimer(.acceptRetransmit), .cancelTimer(.ackWait), .sendBye, .report]),
            (.byeFinished, .terminated, [.report]),
        ])
        #expect(m.end == CallEnd(.localHangup))
    }

    @Test func byeBeforeACK() {
        run(.incoming, [
            (.answer, .established, [.cancelTimer(.ringTimeout), .acceptInvite,
                                     .startTimer(.acceptRetransmit, after: .milliseconds(500)),
                                     .startTimer(.ackWait, after: .seconds(32)), .report]),
            (.byeReceived, .terminated, [.cancelTimer(.acceptRetransmit), .cancelTimer(.ackWait), .report]),
        ])
    }

    @Test(arguments: [(486, CallEnd.Reason.busy), (603, .rejected), (480, .rejected)])
    func incomingRejected(code: Int, reason: CallEnd.Reason) {
        let m = run(.incoming, [
            (.reject(code: code), .terminated, [.cancelTimer(.ringTimeout), .rejectInvite(code: code, reason: CallMachine.phrase(code)), .report]),
        ])
        #expect(m.end?.reason == reason)
        #expect(m.end?.code == code)
    }

    @Test func hangupWhileRingingIsBusy() {
        run(.incoming, [
            (.hangup, .terminated, [.cancelTimer(.ringTimeout), .rejectInvite(code: 486, reason: "Busy Here"), .report]),
        ])
    }

    @Test func callerCancels() {
        let m = run(.incoming, [
            (.cancelReceived, .terminated, [.cancelTimer(.ringTimeout), .rejectInvite(code: 487, reason: "Request Terminated"), .report]),
            (.answer, .terminated, []),
        ])
        #expect(m.end?.reason == .missed)
    }

    @Test func nobodyAnswers() {
        let m = run(.incoming, [
            (.timerFired(.ringTimeout), .terminated, [.rejectInvite(code: 480, reason: "Temporarily Unavailable"), .report]),
        ])
        #expect(m.end == CallEnd(.missed, code: 480, detail: "nobody answered"))
    }

    // MARK: Hold

    func established(_ direction: CallDirection) -> CallMachine {
        var m = CallMachine(direction: direction)
        if direction == .outgoing {
            _ = m.handle(.answered)
        } else {
            _ = m.handle(.answer)
            _ = m.handle(.ackReceived)
        }
        return m
    }

    @Test(arguments: [CallDirection.outgoing, .incoming])
    func holdAndResume(direction: CallDirection) {
        var m = established(direction)
        #expect(m.handle(.resume) == [])
        #expect(m.handle(.hold) == [.sendReinvite(hold: true)])
        #expect(m.handle(.hold) == [], "one re-INVITE at a time")
        #expect(m.state == .established)
        #expect(m.handle(.reinviteFinished(code: 200)) == [.report])
        #expect(m.state == .held(.local))
        #expect(m.handle(.remoteHold(true)) == [.report])
        #expect(m.state == .held(.both))
        #expect(m.handle(.remoteHold(true)) == [])
        #expect(m.handle(.resume) == [.sendReinvite(hold: false)])
        #expect(m.handle(.reinviteFinished(code: 200)) == [.report])
        #expect(m.state == .held(.remote))
        #expect(m.handle(.remoteHold(false)) == [.report])
        #expect(m.state == .established)
    }

    @Test func refusedHoldChangesNothing() {
        var m = established(.outgoing)
        _ = m.handle(.hold)
        #expect(m.handle(.reinviteFinished(code: 488)) == [])
        #expect(m.state == .established)
        #expect(m.handle(.hold) == [.sendReinvite(hold: true)], "a new attempt is allowed")
    }

    @Test func hangupWhileHeld() {
        var m = established(.incoming)
        _ = m.handle(.hold)
        _ = m.handle(.reinviteFinished(code: 200))
        #expect(m.handle(.hangup) == [.sendBye, .report])
        #expect(m.handle(.byeFinished) == [.report])
        #expect(m.end == CallEnd(.localHangup))
    }

    @Test func terminatedIgnoresEverything() {
        var m = CallMachine(direction: .outgoing)
        _ = m.handle(.noResponse("x"))
        for input: CallInput in [.answered, .hangup, .byeReceived, .provisional(code: 180, hasBody: false),
                                 .timerFired(.ackWait), .hold, .remoteHold(true)] {
            #expect(m.handle(input) == [])
        }
    }
}
