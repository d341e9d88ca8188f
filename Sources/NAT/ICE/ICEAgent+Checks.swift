extension ICEAgent {
    /// Whether a triggered or ordinary check is waiting for its turn: a Waiting pair, or a
    /// frozen one that would thaw (no pair of its foundation in progress).
    var hasCheckToSend: Bool {
        if !triggeredQueue.isEmpty || checkList.contains(where: { $0.state == .waiting }) { return true }
        let active = Set(checkList.filter { $0.state == .inProgress }.map(\.foundation))
        return checkList.contains { $0.state == .frozen && !active.contains($0.foundation) }
    }

    /// Sends at most one new check per Ta (§6.1.4.2): the triggered queue first, then the
    /// highest-priority Waiting pair, else a frozen pair of a foundation with none active.
    mutating func sendNextCheck(now: ContinuousClock.Instant) {
        if let last = lastCheckSent, now < last + configuration.pacing { return }
        while !triggeredQueue.isEmpty {
            let next = triggeredQueue.removeFirst()
            guard let i = pairIndex(id: next.pairID) else { continue }
            sendCheck(at: i, useCandidate: next.useCandidate, now: now)
            return
        }
        if !checkList.contains(where: { $0.state == .waiting }) { unfreezeInitial() }
        if let i = checkList.firstIndex(where: { $0.state == .waiting }) {
            sendCheck(at: i, useCandidate: false, now: now)
        }
    }

    /// A new Binding request on the pair at `index` (§7.2.4).
    mutating func sendCheck(at index: Int, useCandidate: Bool, now: ContinuousClock.Instant) {
        guard let remote = remoteCredentials else { return }
        let entry = checkList[index]
        if entry.state != .succeeded { checkList[index].state = .inProgress }
        let active = checkList.count(where: { $0.state == .waiting || $0.state == .inProgress })
        let rto = max(configuration.minimumRTO, configuration.pacing * max(active, 1))
        let check = ICECheck(
            transactionID: newTransactionID(), from: entry.pair.sendingBase, to: entry.pair.remote.address,
            username: remote.ufrag + ":" + localCredentials.ufrag,
            priority: ICECandidate.priority(kind: .peerReflexive, localPreference: entry.pair.local.localPreference,
                                            component: entry.pair.component),
            useCandidate: useCandidate && role == .controlling,
            role: ICERoleAttribute(role: role, tieBreaker: tieBreaker), key: remote.pwd,
            isRetransmission: false, isConsent: false)
        transactions[check.transactionID] = Transaction(
            check: check, pairID: entry.id, consentComponent: nil, sends: 1, rto: rto, nextTime: now + rto)
        lastCheckSent = now
        emit(.sendCheck(check))
    }

    /// Puts a pair on the triggered-check queue (§7.3.1.4) unless it is already there.
    mutating func trigger(pairID: Int, useCandidate: Bool) {
        if let i = triggeredQueue.firstIndex(where: { $0.pairID == pairID }) {
            triggeredQueue[i].useCandidate = triggeredQueue[i].useCandidate || useCandidate
        } else {
            triggeredQueue.append(TriggeredCheck(pairID: pairID, useCandidate: useCandidate))
        }
    }

    /// Resends checks whose timeout passed, doubling it; after the last send the pair fails.
    mutating func retransmit(now: ContinuousClock.Instant) {
        let due = transactions.filter { $0.value.nextTime <= now }.sorted { $0.value.nextTime < $1.value.nextTime }
        for (id, var transaction) in due {
            if transaction.consentComponent != nil {
                // Consent checks are not retransmitted: the next one follows in 4–6 s.
                transactions[id] = nil
                continue
            }
            guard transaction.sends < configuration.maximumTransmissions else {
                transactions[id] = nil
                checkTimedOut(transaction, now: now)
                continue
            }
            transaction.sends += 1
            transaction.rto = min(transaction.rto * 2, configuration.maximumRTO)
            transaction.nextTime = now + transaction.rto
            transaction.check.isRetransmission = true
            transactions[id] = transaction
            emit(.sendCheck(transaction.check))
        }
    }

    /// No answer to any transmission of a check.
    mutating func checkTimedOut(_ transaction: Transaction, now: ContinuousClock.Instant) {
        guard let pairID = transaction.pairID, let i = pairIndex(id: pairID) else { return }
        if transaction.check.useCandidate {
            // The nominated pair went silent: drop what it made valid and nominate another.
            nominating.remove(checkList[i].pair.component)
            validList.removeAll { $0.checkedPairID == pairID }
            checkList[i].state = .failed
        } else if checkList[i].state == .inProgress,
                  !transactions.values.contains(where: { $0.pairID == pairID }) {
            checkList[i].state = .failed
        }
        evaluate(now: now)
    }
}
