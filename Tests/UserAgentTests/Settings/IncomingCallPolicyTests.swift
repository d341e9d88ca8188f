import Testing
@testable import UserAgent

/// Forwarding, do not disturb, busy and auto-answer decisions, as a table.
@Suite(.timeLimit(.minutes(1)))
struct IncomingCallPolicyTests {
    typealias Decision = IncomingCallPolicy.Decision

    static func policy(_ change: (inout IncomingCallPolicy) -> Void) -> IncomingCallPolicy {
        var p = IncomingCallPolicy()
        change(&p)
        return p
    }

    static let cases: [(String, IncomingCallPolicy, busy: Bool, asked: Duration?, Decision)] = [
        ("plain", policy { _ in }, false, nil, .ring(autoAnswerAfter: nil, forwardAfter: nil, forwardTo: nil)),
        ("forward always beats everything", policy { $0.forwarding.always = "sip:c@x"; $0.doNotDisturb = true }, true, nil,
         .forward(to: "sip:c@x")),
        ("dnd busy", policy { $0.doNotDisturb = true }, false, nil, .reject(code: 486)),
        ("dnd decline", policy { $0.doNotDisturb = true; $0.doNotDisturbCode = 603 }, false, .zero, .reject(code: 603)),
        ("busy without call waiting", policy { $0.callWaiting = false }, true, nil, .reject(code: 486)),
        ("busy forwarded", policy { $0.callWaiting = false; $0.forwarding.busy = "v" }, true, nil, .forward(to: "v")),
        ("busy with call waiting rings", policy { $0.forwarding.busy = "v" }, true, nil,
         .ring(autoAnswerAfter: nil, forwardAfter: nil, forwardTo: nil)),
        ("no answer", policy { $0.forwarding.noAnswer = "v"; $0.forwarding.noAnswerAfter = 7 }, false, nil,
         .ring(autoAnswerAfter: nil, forwardAfter: .seconds(7), forwardTo: "v")),
        ("our auto-answer", policy { $0.autoAnswer = true; $0.autoAnswerDelay = 3 }, false, .zero,
         .ring(autoAnswerAfter: .seconds(3), forwardAfter: nil, forwardTo: nil)),
        ("asked, not honoured", policy { _ in }, false, .zero, .ring(autoAnswerAfter: nil, forwardAfter: nil, forwardTo: nil)),
        ("asked and honoured", policy { $0.honourAnswerRequests = true }, false, .seconds(2),
         .ring(autoAnswerAfter: .seconds(2), forwardAfter: nil, forwardTo: nil)),
        ("asked during a call", policy { $0.honourAnswerRequests = true }, true, .zero,
         .ring(autoAnswerAfter: nil, forwardAfter: nil, forwardTo: nil)),
    ]

    @Test(arguments: cases.indices)
    func decides(index: Int) {
        let (name, policy, busy, asked, expected) = Self.cases[index]
        #expect(policy.decide(busy: busy, answerRequest: asked) == expected, "\(name)")
    }

    @Test func answerRequests() {
        #expect(AnswerRequest.delay(callInfo: ["<sip:pbx.example.com>;answer-after=0"], alertInfo: []) == .zero)
        #expect(AnswerRequest.delay(callInfo: ["<http://x>;purpose=info", "<sip:x> ; Answer-After = 5"], alertInfo: []) == .seconds(5))
        #expect(AnswerRequest.delay(callInfo: ["<sip:x>;answer-after=999999999999"], alertInfo: []) == .seconds(3600))
        #expect(AnswerRequest.delay(callInfo: ["<sip:x>;answer-after=-1", "<sip:x>;answer-after="], alertInfo: []) == nil)
        #expect(AnswerRequest.delay(callInfo: [], alertInfo: ["<http://example.com>;info=alert-autoanswer"]) == .zero)
        #expect(AnswerRequest.delay(callInfo: [], alertInfo: ["<http://127.0.0.1/Bellcore-dr4>;info=Intercom"]) == .zero)
        #expect(AnswerRequest.delay(callInfo: [], alertInfo: ["<http://example.com/ring.wav>"]) == nil)
        #expect(AnswerRequest.delay(callInfo: ["<sip:x>;purpose=icon"], alertInfo: []) == nil)
    }

    @Test func unansweredCallIsForwardedByItsTimer() {
        var m = CallMachine(direction: .incoming)
        m.forwardOnNoAnswer = "sip:voicemail@example.com"
        m.forwardNoAnswerAfter = .seconds(15)
        #expect(m.startActions() == [.startTimer(.ringTimeout, after: .seconds(180)), .startTimer(.noAnswerForward, after: .seconds(15)), .report])
        #expect(m.handle(.timerFired(.noAnswerForward))
                == [.cancelTimer(.ringTimeout), .cancelTimer(.noAnswerForward), .redirectInvite(to: "sip:voicemail@example.com"), .report])
        #expect(m.end == CallEnd(.redirected, code: 302, detail: "forwarded to sip:voicemail@example.com"))
    }

    @Test func answeredCallIgnoresTheForwardTimer() {
        var m = CallMachine(direction: .incoming)
        m.forwardOnNoAnswer = "sip:voicemail@example.com"
        _ = m.handle(.answer)
        #expect(m.handle(.timerFired(.noAnswerForward)) == [])
        #expect(m.state == .established)
    }
}
