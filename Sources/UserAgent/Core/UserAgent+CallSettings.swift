/// Do not disturb, forwarding and redial: settings the user changes while pipit runs.
extension UserAgent {
    /// The policy a new call to `account` meets.
    func incomingPolicy(for account: AccountConfig) -> IncomingCallPolicy {
        var policy = IncomingCallPolicy()
        policy.doNotDisturb = doNotDisturb
        policy.doNotDisturbCode = config.general.doNotDisturbAnswer.code
        policy.callWaiting = config.general.callWaiting
        policy.forwarding = forwardingOverrides[account.name] ?? account.forwarding
        let autoAnswer = autoAnswerSetting(of: account)
        policy.autoAnswer = autoAnswer.on
        policy.autoAnswerDelay = autoAnswer.delay
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

    /// Whether `account` answers by itself and after how long: `autoanswer`'s change, else
    /// the configuration.
    func autoAnswerSetting(of account: AccountConfig) -> (on: Bool, delay: Int) {
        autoAnswerOverrides[account.name] ?? (account.autoAnswer, account.autoAnswerDelay)
    }

    func changeAutoAnswer(_ change: AutoAnswerChange) {
        if case .set(_, _, let name?) = change, !config.accounts.contains(where: { $0.name == name }) {
            return emit(.error("autoanswer: no account \(name)"))
        }
        for account in config.accounts {
            var setting = autoAnswerSetting(of: account)
            if case .set(let on, let delay, let name) = change, name == nil || name == account.name {
                setting = (on, delay ?? setting.delay)
                autoAnswerOverrides[account.name] = setting
            }
            emit(.info("account \(account.name): auto-answer " + (setting.on ? "on, after \(setting.delay) s" : "off")))
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
