extension ICEAgent {
    /// Starts RFC 7675 consent freshness on a newly selected pair.
    mutating func startConsent(component: Int, pair: ICECandidatePair, now: ContinuousClock.Instant) {
        guard let remote = remoteCredentials else { return }
        consent[component] = ICEConsent(
            pair: pair, username: remote.ufrag + ":" + localCredentials.ufrag, key: remote.pwd,
            nextCheck: now + consentInterval(), lastResponse: now)
    }

    /// A random interval in the configured range (4–6 s): the randomisation keeps
    /// checks from many calls from bunching (RFC 7675 §5.1).
    mutating func consentInterval() -> Duration {
        let range = configuration.consentInterval
        let spanMs = max(0, (range.upperBound - range.lowerBound) / .milliseconds(1))
        let jitterMs = spanMs < 1 ? 0 : Int(random.next(upperBound: UInt64(spanMs) + 1))
        return range.lowerBound + .milliseconds(jitterMs)
    }

    /// Sends due consent checks; declares consent lost after the timeout without answers.
    mutating func refreshConsent(now: ContinuousClock.Instant) {
        for component in consent.keys.sorted() {
            guard var c = consent[component], !c.lost else { continue }
            if now >= c.lastResponse + configuration.consentTimeout {
                c.lost = true
                consent[component] = c
                emit(.consentLost(component: component))
                let failure = ICEFailure.consentLost(component: component)
                // Without RTCP's consent only RTCP stops; RTP's loss fails the stream.
                if component == 1, state == .completed || state == .running {
                    state = .failed(failure)
                    emit(.failed(failure))
                }
                continue
            }
            guard now >= c.nextCheck else { continue }
            let check = ICECheck(
                transactionID: newTransactionID(), from: c.pair.sendingBase, to: c.pair.remote.address,
                username: c.username,
                priority: ICECandidate.priority(kind: .peerReflexive, localPreference: c.pair.local.localPreference, component: component),
                useCandidate: false, role: ICERoleAttribute(role: role, tieBreaker: tieBreaker), key: c.key,
                isRetransmission: false, isConsent: true)
            // The transaction lives until the timeout so that a late answer still counts.
            transactions[check.transactionID] = ICETransaction(
                check: check, pairID: nil, consentComponent: component, sends: 1, rto: configuration.consentTimeout,
                nextTime: now + configuration.consentTimeout)
            c.nextCheck = now + consentInterval()
            consent[component] = c
            emit(.sendCheck(check))
        }
    }

    /// Whether media may still be sent on a component's selected pair (RFC 7675 §5.1).
    public func hasConsent(component: Int) -> Bool {
        consent[component].map { !$0.lost } ?? false
    }
}
