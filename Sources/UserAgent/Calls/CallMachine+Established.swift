extension CallMachine {
    /// Inputs both directions handle the same way: hanging up, BYE, hold and resume.
    mutating func common(_ input: CallInput) -> [CallAction] {
        switch (phase, input) {
        case (.established, .hangup):
            return terminate(with: CallEnd(.localHangup), [.sendBye])
        case (.terminating, .hangup):
            return []
        case (.established, .mediaFailed(let why)):
            return terminate(with: CallEnd(.failed, detail: why), [.sendBye])

        case (.established, .byeReceived), (.earlyMedia, .byeReceived), (.ringing, .byeReceived), (.proceeding, .byeReceived):
            return finish(CallEnd(.remoteHangup))
        case (.terminating, .byeReceived):
            return finish(pendingEnd ?? CallEnd(.localHangup))

        case (.terminating, .byeFinished):
            return finish(pendingEnd ?? CallEnd(.localHangup))

        case (.established, .hold):
            guard !localHold, reinviteHold == nil else { return [] }
            reinviteHold = true
            return [.sendReinvite(hold: true)]
        case (.established, .resume):
            guard localHold, reinviteHold == nil else { return [] }
            reinviteHold = false
            return [.sendReinvite(hold: false)]
        case (_, .reinviteFinished(let code)):
            guard let wanted = reinviteHold else { return [] }
            reinviteHold = nil
            guard (200..<300).contains(code), phase == .established else { return [] }
            localHold = wanted
            return [.report]

        case (.established, .remoteHold(let held)):
            guard held != remoteHold else { return [] }
            remoteHold = held
            return [.report]

        default:
            return []
        }
    }
}
