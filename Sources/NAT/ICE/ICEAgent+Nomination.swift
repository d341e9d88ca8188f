extension ICEAgent {
    /// Regular nomination (§8.1.1): once a component has a valid pair and the wait for
    /// better ones is over (or nothing is left to check), the controlling agent repeats the
    /// check of the best valid pair with USE-CANDIDATE.
    mutating func nominateIfDue(now: ContinuousClock.Instant) {
        guard role == .controlling else { return }
        for component in 1...componentCount where !nominating.contains(component) && !selectedSinceStart.contains(component) {
            guard let best = bestValid(component: component) else { continue }
            // A valid pair is never better than the pair checked to find it, so once no
            // pending pair outranks the best valid one there is nothing to wait for.
            var due = nominationDue[component].map { $0 <= now } ?? false
            if due, !relayWaitExtended.contains(component), best.pair.local.kind == .relayed || best.pair.remote.kind == .relayed,
               let first = nominationDue[component], checksPending(component: component, above: best.priority, direct: true) {
                // Once per component: the deadline moves, so `nextDeadline` stays ahead.
                relayWaitExtended.insert(component)
                nominationDue[component] = first - configuration.nominationDelay + configuration.relayedNominationDelay
                due = false
            }
            guard due || !checksPending(component: component, above: best.priority) else { continue }
            nominating.insert(component)
            triggeredQueue.removeAll { $0.pairID == best.checkedPairID }
            triggeredQueue.insert(ICETriggeredCheck(pairID: best.checkedPairID, useCandidate: true), at: 0)
        }
    }

    func bestValid(component: Int) -> ICEValidPair? {
        validList.filter { $0.pair.component == component }.max { $0.priority < $1.priority }
    }

    /// Checks of this component still to send or answer (of pairs above a priority; only
    /// of pairs without a relayed candidate when `direct`).
    func checksPending(component: Int, above priority: UInt64? = nil, direct: Bool = false) -> Bool {
        checkList.contains { entry in
            entry.pair.component == component && (priority.map { entry.priority > $0 } ?? true)
                && (!direct || (entry.pair.local.kind != .relayed && entry.pair.remote.kind != .relayed))
                && (entry.state == .waiting || entry.state == .frozen || entry.state == .inProgress
                    || triggeredQueue.contains(pairID: entry.id))
        }
    }

    /// Selects, per component, the best nominated valid pair; completes when every
    /// component has one (§8.1.2) and stops checking what no longer matters.
    mutating func updateSelection(now: ContinuousClock.Instant) {
        for component in 1...componentCount {
            guard let best = validList.filter({ $0.pair.component == component && $0.nominated }).max(by: { $0.priority < $1.priority })
            else { continue }
            let isNew = !selectedSinceStart.contains(component) || selectedPairs[component] != best.pair
            guard isNew else { continue }
            selectedSinceStart.insert(component)
            selectedPairs[component] = best.pair
            startConsent(component: component, pair: best.pair, now: now)
            emit(.selected(component: component, pair: best.pair))
            // §8.1.2: frozen and waiting pairs of a nominated component are not checked.
            let dropped = Set(checkList.filter { $0.pair.component == component && ($0.state == .frozen || $0.state == .waiting) }.map(\.id))
            checkList.removeAll { dropped.contains($0.id) }
            triggeredQueue.removeAll { dropped.contains($0.pairID) }
        }
        if state == .running, selectedSinceStart.count == componentCount {
            state = .completed
            previousLocalCredentials = nil
            emit(.completed)
        }
    }

    /// Fails the check list when some component has nothing left to try and no valid
    /// pair (§6.1.2.1), with a reason naming what was tried.
    mutating func evaluate(now: ContinuousClock.Instant) {
        guard state == .running else { return }
        for component in 1...componentCount where !selectedSinceStart.contains(component) {
            let pairs = checkList.filter { $0.pair.component == component }
            if checksPending(component: component) || validList.contains(where: { $0.pair.component == component }) { continue }
            if transactions.values.contains(where: { t in t.pairID.map { id in pairs.contains { $0.id == id } } ?? false }) { continue }
            let failure: ICEFailure
            if pairs.isEmpty {
                // Without pairs a peer's request could still create one: wait until both
                // sides have candidates of this component before giving up.
                let local = localCandidates.count { $0.component == component }
                let remote = remoteCandidates.count { $0.component == component }
                guard local > 0, remote > 0 else { continue }
                failure = .noCandidatePairs(component: component, local: local, remote: remote)
            } else {
                failure = .noPairAnswered(
                    component: component, pairsTried: pairs.count,
                    localKinds: kinds(localCandidates.filter { $0.component == component }),
                    remoteKinds: kinds(remoteCandidates.filter { $0.component == component }))
            }
            if component == 2 {
                // RTCP is not worth failing the stream for (a relay may serve RTP only).
                dropRTCPComponent(now: now)
                emit(.rtcpDropped(failure))
                return evaluate(now: now)
            }
            state = .failed(failure)
            emit(.failed(failure))
            return
        }
    }

    private func kinds(_ candidates: [ICECandidate]) -> [ICECandidate.Kind] {
        ICECandidate.Kind.allCases.filter { kind in candidates.contains { $0.kind == kind } }
    }
}

extension [ICETriggeredCheck] {
    func contains(pairID: Int) -> Bool { contains { $0.pairID == pairID } }
}
