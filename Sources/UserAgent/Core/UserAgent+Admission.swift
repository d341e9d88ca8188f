import SIPMessage
import SIPStack

/// What a new INVITE meets before it rings: Replaces (RFC 3891), do not disturb,
/// forwarding, auto-answer, session timers (RFC 4028).
struct Admission {
    /// The call an INVITE with Replaces takes over.
    var replaced: CallLeg?
    var autoAnswerAfter: Duration?
    var forwardOnNoAnswer: (target: String, after: Duration)?
    var calleeTimer: (seconds: Int, refresher: SessionTimer.Refresher, require: Bool)?
}

extension UserAgent {
    /// Decides whether `incoming` may ring and how; nil when it was answered here already
    /// (refused, forwarded, 422, 481 …).
    func admit(_ incoming: IncomingRequest, account: AccountConfig, from: NameAddress) -> Admission? {
        let request = incoming.request
        // RFC 3891: an INVITE with Replaces takes over one of our calls (an attended
        // transfer ending here); it is answered at once and the old call ended.
        var replaced: CallLeg?
        if let value = request.headers.first("Replaces") {
            guard let replaces = try? Replaces.parse(value[...]) else {
                incoming.respond(400, "Bad Request", toTag: Identifiers.tag())
                return nil
            }
            let live = calls.values.filter { !$0.machine.isOver }.sorted { $0.id < $1.id }
            let dialogs = live.map { ($0.callID, $0.localTag, $0.dialog?.remoteTag ?? "") }
            guard let index = AttendedTransfer.match(replaces, in: dialogs) else {
                incoming.respond(481, "Call/Transaction Does Not Exist", toTag: Identifiers.tag())
                return nil
            }
            if replaces.earlyOnly, live[index].machine.wasAnswered {
                incoming.respond(486, "Busy Here", toTag: Identifiers.tag())
                return nil
            }
            replaced = live[index]
        }
        // A replacement is neither refused nor forwarded: it is answered at once.
        let decision: IncomingCallPolicy.Decision = replaced != nil
            ? .ring(autoAnswerAfter: nil, forwardAfter: nil, forwardTo: nil)
            : incomingPolicy(for: account).decide(
                busy: calls.values.contains { !$0.machine.isOver },
                answerRequest: AnswerRequest.delay(callInfo: request.headers.values("Call-Info").map(String.init),
                                                   alertInfo: request.headers.values("Alert-Info").map(String.init)))
        var admission = Admission(replaced: replaced)
        switch decision {
        case .reject(let code):
            emit(.info("refused a call from \(from.uri) (\(doNotDisturb ? "do not disturb" : "busy"), \(code))"))
            incoming.respond(code, CallMachine.phrase(code), toTag: Identifiers.tag())
            return nil
        case .forward(let typed):
            guard let target = try? AccountSelection.requestURI(for: typed, account: account) else {
                log(.warning, "cannot forward to \(typed): not a usable target")
                incoming.respond(480, "Temporarily Unavailable", toTag: Identifiers.tag())
                return nil
            }
            emit(.info("forwarded a call from \(from.uri) to \(target)"))
            var moved = request.makeResponse(302, "Moved Temporarily", toTag: Identifiers.tag())
            moved.headers.append(name: "Contact", value: "<\(target)>")
            incoming.respond(moved)
            return nil
        case .ring(let answerAfter, let forwardAfter, let forwardTo):
            admission.autoAnswerAfter = answerAfter
            if let forwardAfter, let forwardTo, let target = try? AccountSelection.requestURI(for: forwardTo, account: account) {
                admission.forwardOnNoAnswer = (target.description, forwardAfter)
            }
        }
        let supported = request.headers.values("Supported").flatMap { $0.split(separator: ",") }
            .map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
        switch SessionTimer.asCallee(sessionExpires: request.headers.first("Session-Expires"),
                                     uacSupportsTimer: supported.contains("timer"), minimum: timing.minimumSessionExpires) {
        case .tooSmall(let minimum)?:
            var refusal = request.makeResponse(422, "Session Interval Too Small", toTag: Identifiers.tag())
            refusal.headers.append(name: "Min-SE", value: String(minimum))
            incoming.respond(refusal)
            return nil
        case .run(let seconds, let refresher, let require)?:
            admission.calleeTimer = (seconds, refresher, require)
        case nil:
            break
        }
        return admission
    }
}
