/// What happens to a new incoming call before it rings, decided from the settings and the
/// INVITE: forwarding (RFC 3261 §21.3.3, 302 with the target in Contact), do not disturb,
/// busy, auto-answer (ours, or asked for by the caller). Pure.
public struct IncomingCallPolicy: Sendable, Equatable {
    /// Where calls go instead of ringing here; each nil when off.
    public struct Forwarding: Sendable, Equatable {
        public var always: String?
        public var busy: String?
        public var noAnswer: String?
        /// Seconds of ringing before `noAnswer` takes the call.
        public var noAnswerAfter = 20
        public init(always: String? = nil, busy: String? = nil, noAnswer: String? = nil, noAnswerAfter: Int = 20) {
            self.always = always
            self.busy = busy
            self.noAnswer = noAnswer
            self.noAnswerAfter = noAnswerAfter
        }
        public var isOff: Bool { always == nil && busy == nil && noAnswer == nil }
    }

    public enum Decision: Sendable, Equatable {
        case reject(code: Int)
        /// 302 Moved Temporarily with `target` in Contact.
        case forward(to: String)
        /// Ring; answer by itself after `autoAnswerAfter`, forward after `forwardAfter`.
        case ring(autoAnswerAfter: Duration?, forwardAfter: Duration?, forwardTo: String?)
    }

    public var doNotDisturb = false
    /// 486 Busy Here or 603 Decline.
    public var doNotDisturbCode = 486
    public var callWaiting = true
    public var forwarding = Forwarding()
    public var autoAnswer = false
    public var autoAnswerDelay = 0
    /// Answer by itself when the caller asks (intercom, paging).
    public var honourAnswerRequests = false

    public init() {}

    /// `busy`: another call is going on. `answerRequest`: the delay the caller asked for
    /// (see `AnswerRequest`), if any.
    public func decide(busy: Bool, answerRequest: Duration?) -> Decision {
        if let target = forwarding.always { return .forward(to: target) }
        if doNotDisturb { return .reject(code: doNotDisturbCode) }
        if busy && !callWaiting {
            if let target = forwarding.busy { return .forward(to: target) }
            return .reject(code: 486)
        }
        var answerAfter: Duration?
        if autoAnswer {
            answerAfter = .seconds(autoAnswerDelay)
        } else if honourAnswerRequests, let asked = answerRequest, !busy {
            answerAfter = asked // an intercom call does not barge into a conversation
        }
        let forwardAfter = forwarding.noAnswer.map { _ in Duration.seconds(forwarding.noAnswerAfter) }
        return .ring(autoAnswerAfter: answerAfter, forwardAfter: forwardAfter, forwardTo: forwarding.noAnswer)
    }
}

/// A caller asking us to answer by ourselves: `Call-Info: <…>;answer-after=N` (RFC 7462
/// era phones, Snom, Polycom) or an Alert-Info naming intercom or auto-answer
/// (`info=alert-autoanswer`, `<http://…/intercom>`, Cisco's `Intercom`).
public enum AnswerRequest {
    /// The delay asked for, or nil when the INVITE asks nothing. Hostile values are clamped
    /// to 0…3600 s.
    public static func delay(callInfo: [String], alertInfo: [String]) -> Duration? {
        for value in callInfo {
            for parameter in value.split(separator: ";").dropFirst() {
                let parts = parameter.split(separator: "=", maxSplits: 1).map { $0.filter { $0 != " " && $0 != "\t" } }
                guard parts.count == 2, parts[0].lowercased() == "answer-after" else { continue }
                let digits = parts[1].prefix(6)
                guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int(digits) else { continue }
                return .seconds(min(seconds, 3600))
            }
        }
        for value in alertInfo {
            let lower = value.lowercased()
            if lower.contains("autoanswer") || lower.contains("auto-answer") || lower.contains("intercom") {
                return .zero
            }
        }
        return nil
    }
}
