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

        case (.established, .refreshSession):
            // A re-INVITE already out refreshes the session as well.
            guard reinviteHold == nil else { return [] }
            reinviteHold = localHold
            glareRetries = 0
            return [.sendReinvite(hold: localHold)]

        case (_, .hold), (_, .resume), (_, .reinviteFinished), (_, .timerFired(.glareRetry)):
            return holding(input)

        case (.established, .remoteHold(let held)):
            guard held != remoteHold else { return [] }
            remoteHold = held
            return [.report]

        default:
            return []
        }
    }
}
