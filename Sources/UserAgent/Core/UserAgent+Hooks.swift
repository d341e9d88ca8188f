import SIPMessage

/// `[hooks]`: the configured program for an event runs off the UA's executor, with the
/// event in `PIPIT_*` variables; the incoming-call hook's answer comes back here.
extension UserAgent {
    /// SIP headers of an incoming INVITE handed to `incoming_call` as `PIPIT_HEADER_*`.
    static let hookHeaders = [
        "User-Agent", "Subject", "Organization", "Priority", "Alert-Info", "Call-Info",
        "P-Asserted-Identity", "Remote-Party-ID", "Diversion", "History-Info", "Referred-By",
    ]

    /// Runs the `incoming_call` hook for a new call, which rings here (is reported) only
    /// once the hook has decided: before that the caller hears 180 Ringing.
    func screen(_ leg: CallLeg) {
        var variables = callVariables(leg.snapshot, leg: leg)
        if let request = leg.incoming?.request {
            for name in Self.hookHeaders {
                let values = request.headers.values(name)
                guard !values.isEmpty else { continue }
                let key = "PIPIT_HEADER_" + name.uppercased().map { $0 == "-" ? "_" : $0 }
                variables[key] = Self.hookValue(values.joined(separator: ", "))
            }
        }
        let (id, sipCallID) = (leg.id, leg.callID)
        leg.screening = runHook(.incomingCall, variables) { ua, result in
            ua.incomingHookFinished(result, call: id, sipCallID: sipCallID)
        }
    }

    /// Called for every emitted event: runs the hook the event has, if one is configured.
    func runHooks(for event: Event) {
        switch event {
        case .call(let call) where call.state == .established:
            guard let leg = calls[call.id], hookBook.firstAnswer(call.id) else { return }
            runHook(.callAnswered, callVariables(call, leg: leg))
        case .call(let call) where call.state == .terminated:
            hookBook.ended(call.id)
            guard let leg = calls[call.id] else { return }
            var variables = callVariables(call, leg: leg)
            if let end = call.end {
                variables["PIPIT_REASON"] = end.reason.rawValue
                if let code = end.code { variables["PIPIT_CODE"] = String(code) }
            }
            runHook(.callEnded, variables)
        case .registration(let account, let state):
            let (name, reason, code): (String, String?, Int?) = switch state {
            case .registered: ("registered", nil, nil)
            case .unregistered: ("unregistered", nil, nil)
            case .failed(let reason, let code, _): ("failed", reason, code)
            case .registering, .refreshing, .unregistering: ("", nil, nil)   // on the way: no change yet
            }
            guard !name.isEmpty, hookBook.registrationChanged(account: account, to: name) else { return }
            var variables = ["PIPIT_EVENT": HookEvent.registration.rawValue, "PIPIT_ACCOUNT": account, "PIPIT_REGISTRATION": name]
            if let reason { variables["PIPIT_REASON"] = Self.hookValue(reason) }
            if let code { variables["PIPIT_CODE"] = String(code) }
            runHook(.registration, variables)
        case .messageReceived(let account, let from, let text):
            runHook(.messageReceived, ["PIPIT_EVENT": HookEvent.messageReceived.rawValue, "PIPIT_ACCOUNT": account,
                                       "PIPIT_REMOTE_URI": Self.hookValue(from), "PIPIT_MESSAGE": Self.hookValue(text, limit: 8192)])
        case .dtmfReceived(let id, let digit):
            guard let leg = calls[id] else { return }
            var variables = callVariables(leg.snapshot, leg: leg)
            variables["PIPIT_DIGIT"] = String(digit)
            runHook(.dtmfReceived, variables)
        default:
            break
        }
    }

    /// Starts the hook for `event` when it is configured and a slot is free, and says whether
    /// it did; `then` gets the result back on the UA's executor. Failures go to the log.
    @discardableResult
    private func runHook(_ event: HookEvent, _ variables: [String: String],
                         then: (@Sendable (isolated UserAgent, HookResult) async -> Void)? = nil) -> Bool {
        guard let command = config.hooks[event] else { return false }
        guard hookBook.start() else {
            log(.warning, "hook \(event.rawValue) skipped: \(HookBook.maxRunning) hooks are still running")
            return false
        }
        var variables = variables
        variables["PIPIT_EVENT"] = event.rawValue
        let timeout = config.hooks.timeout
        Task {
            let result = await HookRunner.run(command, variables: variables, timeout: timeout)
            self.hookBook.finish()
            if !result.succeeded {
                self.log(.warning, "hook \(event.rawValue): \(result.summary(command, timeout: timeout))")
            }
            await then?(self, result)
        }
        return true
    }

    /// The call's fields every call hook gets.
    private func callVariables(_ call: CallSnapshot, leg: CallLeg) -> [String: String] {
        var variables = [
            "PIPIT_ACCOUNT": call.account, "PIPIT_CALL_ID": String(call.id), "PIPIT_SIP_CALL_ID": Self.hookValue(leg.callID),
            "PIPIT_REMOTE_URI": Self.hookValue(call.remoteURI), "PIPIT_DIRECTION": call.direction.rawValue,
            "PIPIT_STATE": Self.hookStateName(call.state),
        ]
        if let name = call.remoteName { variables["PIPIT_REMOTE_NAME"] = Self.hookValue(name) }
        return variables
    }

    /// The incoming-call hook's answer, carried out if the call still rings here; without
    /// one (or after `ring`) the call now rings.
    private func incomingHookFinished(_ result: HookResult, call id: CallNumber, sipCallID: String) {
        guard let leg = calls[id], leg.callID == sipCallID else { return }
        leg.screening = false
        defer { report(leg) }
        guard result.succeeded, let parsed = HookAction.parse(result.output) else { return }
        let action: HookAction
        switch parsed {
        case .success(let a): action = a
        case .failure(let problem): return log(.warning, "hook incoming_call: \(problem)")
        }
        guard leg.machine.phase == .incoming else {
            return log(.info, "hook incoming_call: call \(id) no longer rings; \(action) not done")
        }
        switch action {
        case .reject(let code):
            emit(.info("call \(id): rejected by the incoming_call hook (\(code))"))
            feed(leg, .reject(code: code))
        case .doNotDisturb:
            let code = config.general.doNotDisturbAnswer.code
            emit(.info("call \(id): refused by the incoming_call hook (do not disturb, \(code))"))
            feed(leg, .reject(code: code))
        case .redirect(let typed):
            guard let target = try? AccountSelection.requestURI(for: typed, account: leg.account) else {
                return log(.warning, "hook incoming_call: cannot redirect to \(typed): not a usable target")
            }
            emit(.info("call \(id): redirected by the incoming_call hook to \(target)"))
            feed(leg, .forward(to: target.description))
        case .answer:
            log(.info, "call \(id): answered by the incoming_call hook")
            answer(leg)
        case .ring(let file):
            log(.info, "call \(id): rings with \(file) (the incoming_call hook)")
            media.ring(id, with: file)
        }
    }

    /// Environment values come from the network: no NUL (it would cut the value), bounded.
    static func hookValue(_ text: String, limit: Int = 1024) -> String {
        String(text.unicodeScalars.filter { $0 != "\0" }.prefix(limit).map(Character.init))
    }

    static func hookStateName(_ state: CallState) -> String {
        switch state {
        case .trying: "trying"
        case .proceeding: "proceeding"
        case .ringing: "ringing"
        case .earlyMedia: "early"
        case .incoming: "incoming"
        case .established: "established"
        case .held: "held"
        case .terminating: "terminating"
        case .terminated: "terminated"
        }
    }
}
