/// Do not disturb, forwarding and redial: settings the user changes while pipit runs.
extension UserAgent {
    /// The policy a new call to `account` meets.
    func incomingPolicy(for account: AccountConfig) -> IncomingCallPolicy {
        var policy = IncomingCallPolicy()
        policy.doNotDisturb = doNotDisturb
        policy.doNotDisturbCode = config.general.doNotDisturbAnswer.code
        policy.callWaiting = config.general.callWaiting
        policy.forwarding = forwardingOverrides[account.name] ?? account.forwarding
        policy.autoAnswer = account.autoAnswer
        policy.autoAnswerDelay = account.autoAnswerDelay
        policy.honourAnswerRequests = account.autoAnswerRequested
        return policy
    }

    func setDoNotDisturb(_ on: Bool?) {
        if let on { doNotDisturb = on }
        let code = config.general.doNotDisturbAnswer.code
        emit(.info(doNotDisturb ? "do not disturb: on (calls are refused with \(code) \(CallMachine.phrase(code)))"
                                : "do not disturb: off"))
    }

    func changeForwarding(_ change: ForwardingChange) {
        for account in config.accounts {
            var forwarding = forwardingOverrides[account.name] ?? account.forwarding
            switch change {
            case .show:
                break
            case .set(let kind, let target):
                forwarding[kind] = target
            case .clear(let kind?):
                forwarding[kind] = nil
            case .clear(nil):
                for kind in ForwardingKind.allCases { forwarding[kind] = nil }
            }
            if change != .show { forwardingOverrides[account.name] = forwarding }
            let parts = ForwardingKind.allCases.compactMap { kind in
                forwarding[kind].map { "\(kind.rawValue) → \($0)" + (kind == .noAnswer ? " after \(forwarding.noAnswerAfter) s" : "") }
            }
            emit(.info("account \(account.name): forwarding " + (parts.isEmpty ? "off" : parts.joined(separator: ", "))))
        }
    }

    func redial() async {
        guard let last = lastDialled else { return emit(.error("nothing to redial yet")) }
        await placeCall(to: last.target, account: last.account)
    }
}

extension IncomingCallPolicy.Forwarding {
    public subscript(kind: ForwardingKind) -> String? {
        get {
            switch kind {
            case .always: always
            case .busy: busy
            case .noAnswer: noAnswer
            }
        }
        set {
            switch kind {
            case .always: always = newValue
            case .busy: busy = newValue
            case .noAnswer: noAnswer = newValue
            }
        }
    }
}
