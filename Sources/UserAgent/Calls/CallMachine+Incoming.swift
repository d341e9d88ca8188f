extension CallMachine {
    /// Inputs that only an incoming call handles around its answer; nil when the input is
    /// for `common`.
    mutating func incoming(_ input: CallInput) -> [CallAction]? {
        switch (phase, input) {
        case (.incoming, .answer):
            phase = .answering
            retransmitInterval = timing.t1
            return [.cancelTimer(.ringTimeout), .acceptInvite,
                    .startTimer(.acceptRetransmit, after: timing.t1),
                    .startTimer(.ackWait, after: timing.t1 * 64), .report]

        case (.incoming, .reject(let code)):
            let end = CallEnd(code == 486 ? .busy : .rejected, code: code, detail: "rejected here")
            return [.cancelTimer(.ringTimeout), .rejectInvite(code: code, reason: Self.phrase(code))] + finish(end)

        case (.incoming, .hangup):
            return [.cancelTimer(.ringTimeout), .rejectInvite(code: 486, reason: Self.phrase(486))]
                + finish(CallEnd(.busy, code: 486, detail: "rejected here"))

        case (.incoming, .forward(let target)):
            return forward(to: target)

        case (.incoming, .timerFired(.noAnswerForward)):
            guard let target = forwardOnNoAnswer else { return [] }
            return forward(to: target)

        case (.incoming, .cancelReceived):
            return [.cancelTimer(.ringTimeout), .rejectInvite(code: 487, reason: Self.phrase(487))]
                + finish(CallEnd(.missed, detail: "caller hung up"))

        case (.incoming, .timerFired(.ringTimeout)):
            return [.rejectInvite(code: 480, reason: Self.phrase(480))]
                + finish(CallEnd(.missed, code: 480, detail: "nobody answered"))

        case (.answering, .ackReceived):
            phase = .established
            let stop: [CallAction] = [.cancelTimer(.acceptRetransmit), .cancelTimer(.ackWait)]
            if byeAfterACK { return terminate(with: CallEnd(.localHangup), stop + [.sendBye]) }
            if let hold = holdAfterACK {
                holdAfterACK = nil
                return stop + [.report] + holding(hold ? .hold : .resume)
            }
            return stop + [.report]

        case (.answering, .timerFired(.acceptRetransmit)):
            retransmitInterval = min(retransmitInterval * 2, timing.t2)
            return [.retransmitAccept, .startTimer(.acceptRetransmit, after: retransmitInterval)]

        case (.answering, .timerFired(.ackWait)):
            // §13.3.1.4: no ACK within 64·T1 — the dialog is confirmed but must end.
            let end = byeAfterACK ? CallEnd(.localHangup) : CallEnd(.failed, detail: "the caller never acknowledged the answer")
            return terminate(with: end, [.cancelTimer(.acceptRetransmit), .sendBye])

        case (.answering, .hangup):
            byeAfterACK = true
            return []

        case (.answering, .byeReceived):
            return [.cancelTimer(.acceptRetransmit), .cancelTimer(.ackWait)] + finish(CallEnd(.remoteHangup))

        case (_, .cancelReceived), (_, .ackReceived):
            return [] // after the answer a CANCEL changes nothing; a late ACK neither

        default:
            return nil
        }
    }

    mutating func forward(to target: String) -> [CallAction] {
        [.cancelTimer(.ringTimeout), .cancelTimer(.noAnswerForward), .redirectInvite(to: target)]
            + finish(CallEnd(.redirected, code: 302, detail: "forwarded to \(target)"))
    }

    static func phrase(_ code: Int) -> String {
        switch code {
        case 480: "Temporarily Unavailable"
        case 486: "Busy Here"
        case 487: "Request Terminated"
        case 488: "Not Acceptable Here"
        case 600: "Busy Everywhere"
        case 603: "Decline"
        case 404: "Not Found"
        case 403: "Forbidden"
        case 500..<600: "Server Error"
        default: "Rejected"
        }
    }
}
