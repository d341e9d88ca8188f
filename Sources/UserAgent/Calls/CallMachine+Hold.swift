/// Hold and resume by re-INVITE (RFC 3264 §8.4), with re-INVITE glare (RFC 3261 §14.1):
///
///     established --hold/resume--> re-INVITE out --2xx--> held / resumed
///                                       |  --other final--> unchanged
///                                       '--491--> wait the back-off --glareRetry--> re-INVITE out
///
/// While ours is out, the peer's re-INVITE is refused with 491 (`refusesPeerReinvite`);
/// while we wait out the back-off, the peer's is taken, and ours follows it.
extension CallMachine {
    /// True while our re-INVITE is in flight: a re-INVITE from the peer now has crossed
    /// ours and is answered 491 Request Pending (§14.2).
    public var refusesPeerReinvite: Bool { reinviteHold != nil && !glareWaiting }

    mutating func holding(_ input: CallInput) -> [CallAction] {
        switch (phase, input) {
        case (.answering, .hold), (.answering, .resume):
            holdAfterACK = input == .hold
            return []
        case (.established, .hold), (.established, .resume):
            let wanted = input == .hold
            if glareWaiting {
                // The user changed their mind during the back-off: the retry carries it,
                // or there is nothing left to send.
                guard wanted != localHold else {
                    glareWaiting = false
                    reinviteHold = nil
                    return [.cancelTimer(.glareRetry)]
                }
                reinviteHold = wanted
                return []
            }
            guard wanted != localHold, reinviteHold == nil else { return [] }
            reinviteHold = wanted
            glareRetries = 0
            return [.sendReinvite(hold: wanted)]

        case (.established, .reinviteFinished(491)) where reinviteHold != nil && !glareWaiting:
            glareRetries += 1
            guard glareRetries <= timing.maxGlareRetries else {
                reinviteHold = nil
                return []
            }
            glareWaiting = true
            return [.startTimer(.glareRetry, after: glareBackoff())]

        case (.established, .timerFired(.glareRetry)):
            guard glareWaiting, let wanted = reinviteHold else { return [] }
            glareWaiting = false
            return [.sendReinvite(hold: wanted)]

        case (_, .reinviteFinished(let code)):
            guard let wanted = reinviteHold, !glareWaiting else { return [] }
            reinviteHold = nil
            guard (200..<300).contains(code), phase == .established else { return [] }
            localHold = wanted
            return [.report]

        default:
            return []
        }
    }

    /// §14.1: a random time in 10 ms units, longer for the side that owns the Call-ID
    /// (the caller), so the two sides' retries do not cross again.
    mutating func glareBackoff() -> Duration {
        let range = direction == .outgoing ? timing.glareBackoffAsCaller : timing.glareBackoffAsCallee
        let steps = max(0, (range.upperBound - range.lowerBound) / 10)
        let step = Int(random.next() % UInt64(steps + 1))
        return .milliseconds(range.lowerBound + step * 10)
    }
}
