import NIOCore
import SIPMessage

/// Session timers (RFC 4028) around a call: agreeing on them, refreshing, expiring.
extension UserAgent {
    /// (Re)arms the call's session timer; nothing when the call has none or is over.
    func restartSessionTimer(_ leg: CallLeg) {
        leg.sessionTimerTask?.cancel()
        leg.sessionTimerTask = nil
        guard let timer = leg.sessionTimer, !leg.machine.isOver else { return }
        for case .startTimer(let after) in timer.restart() {
            leg.sessionTimerTask = eventLoop.scheduleTask(in: TimeAmount(after)) {
                Task { await self.sessionTimerFired(leg) }
            }
        }
    }

    func sessionTimerFired(_ leg: CallLeg) {
        guard calls[leg.id] === leg, let timer = leg.sessionTimer else { return }
        leg.sessionTimerTask = nil
        for action in timer.fired() {
            switch action {
            case .refresh:
                log(.debug, "call \(leg.id): refreshing the session (RFC 4028)")
                feed(leg, .refreshSession)
                restartSessionTimer(leg) // the next refresh, whether or not this one is answered
            case .expire:
                log(.warning, "call \(leg.id): the session timer expired without a refresh; ending the call")
                feed(leg, .hangup)
            case .startTimer:
                break
            }
        }
    }

    /// Session-Expires (and Require) for a 2xx: the first answer uses what was agreed at
    /// the INVITE; a re-INVITE's answer repeats the timer with the refresher seen from
    /// that transaction (the peer sent it: `uac` when the peer refreshes).
    func sessionTimerHeaders(for leg: CallLeg, reinvite: Bool) -> [(String, String)] {
        if !reinvite, let agreed = leg.calleeTimer {
            return [("Session-Expires", "\(agreed.seconds);refresher=\(agreed.refresher.rawValue)")]
                + (agreed.require ? [("Require", "timer")] : [])
        }
        guard reinvite, let timer = leg.sessionTimer else { return [] }
        return [("Session-Expires", "\(timer.seconds);refresher=\(timer.weRefresh ? "uas" : "uac")")]
    }

    /// Session-Expires for a re-INVITE of ours.
    func sessionTimerRequestHeaders(for leg: CallLeg) -> [(String, String)] {
        guard let timer = leg.sessionTimer else { return [] }
        return [("Session-Expires", "\(timer.seconds);refresher=\(timer.weRefresh ? "uac" : "uas")"), ("Supported", "timer")]
    }
}
