extension ICEAgent {
    /// A Binding response to one of this agent's checks (§7.2.5), integrity-checked by the
    /// owner with `key(forTransaction:)`. Unknown transactions are ignored.
    public mutating func receiveResponse(_ response: ICEIncomingResponse, now: ContinuousClock.Instant) {
        guard let transaction = transactions.removeValue(forKey: response.transactionID) else { return }
        let check = transaction.check
        let symmetric = response.source == check.to && response.arrivedOn == check.from
        if let component = transaction.consentComponent {
            if symmetric, case .success = response.result, var c = consent[component], c.pair.sendingBase == check.from {
                c.lastResponse = now
                consent[component] = c
            }
            return
        }
        guard let pairID = transaction.pairID, let i = pairIndex(id: pairID) else { return }
        guard symmetric else {
            // §7.2.5.2.1: an answer from elsewhere means the path is not symmetric.
            failCheck(at: i, transaction: transaction, now: now)
            return
        }
        switch response.result {
        case .failure(code: 487):
            // §7.2.5.1: the peer says our role is wrong: take the other one and retry.
            if check.role.role == role { switchRole(to: role.other) }
            if checkList[i].state != .succeeded { checkList[i].state = .waiting }
            if check.useCandidate { nominating.remove(checkList[i].pair.component) }
            trigger(pairID: pairID, useCandidate: false)
        case .failure:
            failCheck(at: i, transaction: transaction, now: now)
        case .success(let mapped):
            succeed(at: i, mapped: mapped, transaction: transaction, now: now)
        }
        evaluate(now: now)
    }

    mutating func failCheck(at i: Int, transaction: Transaction, now: ContinuousClock.Instant) {
        if transaction.check.useCandidate {
            nominating.remove(checkList[i].pair.component)
            validList.removeAll { $0.checkedPairID == checkList[i].id }
            checkList[i].state = .failed
        } else if checkList[i].state != .succeeded {
            checkList[i].state = .failed
        }
        evaluate(now: now)
    }

    /// §7.2.5.3: the pair succeeded; its valid pair has the local candidate whose address
    /// the peer saw (a new peer-reflexive one if none has it).
    mutating func succeed(at i: Int, mapped: TransportAddress, transaction: Transaction, now: ContinuousClock.Instant) {
        let checked = checkList[i]
        checkList[i].state = .succeeded
        let base = checked.pair.local.base
        var local = localCandidates.first { $0.address == mapped && $0.base == base && $0.component == checked.pair.component }
        if local == nil, checked.pair.local.kind == .relayed {
            local = checked.pair.local  // the relay's own address is its mapped address
        }
        if local == nil {
            let learned = ICECandidate(
                kind: .peerReflexive, component: checked.pair.component, address: mapped, base: base,
                foundation: foundation(kind: .peerReflexive, base: base, server: nil), priority: transaction.check.priority)
            localCandidates.append(learned)  // §7.2.5.3.1: learned, not paired
            local = learned
        }
        guard let local else { return }
        let valid = ICECandidatePair(local: local, remote: checked.pair.remote)
        let nominated = transaction.check.useCandidate || (role == .controlled && checked.remoteNominated)
        if let v = validList.firstIndex(where: { $0.pair.local.address == valid.local.address && $0.pair.sendingBase == valid.sendingBase && $0.pair.remote.address == valid.remote.address }) {
            validList[v].nominated = validList[v].nominated || nominated
        } else {
            validList.append(ValidPair(pair: valid, priority: valid.priority(as: role), nominated: nominated, checkedPairID: checked.id))
        }
        unfreeze(foundation: checked.foundation)
        let component = checked.pair.component
        if role == .controlling, nominationDue[component] == nil {
            nominationDue[component] = remoteIsLite ? now : now + configuration.nominationDelay
        }
        if transaction.check.useCandidate { nominating.remove(component) }
        updateSelection(now: now)
    }
}
