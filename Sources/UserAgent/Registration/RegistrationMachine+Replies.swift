extension RegistrationMachine {
    /// The outcome of the REGISTER out. Replies when nothing is out are stale: ignored.
    mutating func receive(_ reply: RegistrationReply, jitter: Double) -> [RegistrationAction] {
        guard inFlight, let plan else { return [] }
        inFlight = false
        if case .unregistering = state { return unregistered(after: reply, plan: plan) }
        switch reply {
        case .accepted(let granted, let natAddress):
            return accepted(granted: granted, natAddress: natAddress, plan: plan, jitter: jitter)
        case .challenged(let code, let canRetry, let reason):
            if canRetry, challenges < policy.maxChallenges {
                challenges += 1
                var retry = plan
                retry.answeringChallenge = true
                return send(retry)
            }
            return giveUp(reason: canRetry ? "authentication keeps being challenged" : reason, code: code)
        case .intervalTooBrief(let minExpires):
            // RFC 3261 §10.2.8: retry at once with at least Min-Expires.
            if let minExpires, minExpires > expires, minExpires <= policy.maxExpires, tooBrief < 2 {
                tooBrief += 1
                expires = minExpires
                var retry = plan
                retry.expires = minExpires
                retry.answeringChallenge = false
                return send(retry)
            }
            return backOff(reason: "423 Interval Too Brief without a usable Min-Expires", code: 423,
                           retryAfter: nil, jitter: jitter)
        case .rejected(403, let reason, _):
            return giveUp(reason: "the registrar refuses this account (403 \(reason))", code: 403)
        case .rejected(404, let reason, _):
            return giveUp(reason: "the registrar does not know this user (404 \(reason))", code: 404)
        case .rejected(let code, let reason, let retryAfter):
            return backOff(reason: "\(code) \(reason)", code: code, retryAfter: code >= 500 ? retryAfter : nil,
                           jitter: jitter)
        case .noResponse(let reason):
            return backOff(reason: reason, code: nil, retryAfter: nil, jitter: jitter)
        }
    }

    private mutating func accepted(granted: Int?, natAddress: ContactAddress?, plan: RegisterPlan,
                                   jitter: Double) -> [RegistrationAction] {
        bound = true
        if let natAddress, natAddress != plan.contact, rebinds < 2 {
            // NAT rebinding: register where the registrar sees us, dropping the old binding
            // in the same request.
            rebinds += 1
            challenges = 0
            contact = natAddress
            return send(RegisterPlan(contact: natAddress, expires: expires, removing: plan.contact))
        }
        let lifetime = granted ?? plan.expires
        guard lifetime > 0 else {
            return backOff(reason: "the registrar granted no time", code: nil, retryAfter: nil, jitter: jitter)
        }
        failures = 0
        return [.startTimer(.refresh, after: refreshDelay(granted: lifetime, jitter: jitter))]
            + transition(to: .registered(expires: lifetime))
    }

    private mutating func unregistered(after reply: RegistrationReply, plan: RegisterPlan) -> [RegistrationAction] {
        if case .challenged(_, true, _) = reply, challenges < policy.maxChallenges {
            challenges += 1
            var retry = plan
            retry.answeringChallenge = true
            return send(retry)
        }
        // Whatever else came back (or nothing), we are done: the binding is gone or expires.
        bound = false
        return transition(to: .unregistered) + [.stopped]
    }

    /// Stop trying: the user must act (fix the password, the account).
    private mutating func giveUp(reason: String, code: Int?) -> [RegistrationAction] {
        transition(to: .failed(reason: reason, code: code, retryIn: nil))
    }

    private mutating func backOff(reason: String, code: Int?, retryAfter: Int?, jitter: Double) -> [RegistrationAction] {
        failures += 1
        let wait = retryAfter.map { min(Duration.seconds(max(1, $0)), policy.backoffCap) }
            ?? backoffDelay(failures: failures, jitter: jitter)
        return [.startTimer(.retry, after: wait)] + transition(to: .failed(reason: reason, code: code, retryIn: wait))
    }
}
