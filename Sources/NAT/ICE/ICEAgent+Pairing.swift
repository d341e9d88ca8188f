extension ICEAgent {
    /// Adds a pair to the check list (§6.1.2.2) unless it is impossible or redundant, and
    /// keeps the list within its limit; returns the pair's id.
    ///
    /// Server-reflexive local candidates never reach here: their checks are the checks of
    /// their base (§6.1.2.4), so only host and relayed locals pair.
    @discardableResult
    mutating func addPair(local: ICECandidate, remote: ICECandidate, state: ICEPairState) -> Int? {
        guard local.component == remote.component, local.address.family == remote.address.family else { return nil }
        if let existing = pairIndex(base: local.sendingBase, remote: remote.address) { return checkList[existing].id }
        let pair = ICECandidatePair(local: local, remote: remote)
        let entry = CheckedPair(id: nextPairID, pair: pair, priority: pair.priority(as: role), state: state)
        nextPairID += 1
        checkList.append(entry)
        sortCheckList()
        if checkList.count > configuration.maximumPairs {
            // The lowest-priority pair not yet checked goes; if every pair is under way or
            // done, the new one does.
            let drop = checkList.lastIndex { $0.state == .frozen || $0.state == .waiting }
                ?? checkList.firstIndex { $0.id == entry.id } ?? checkList.endIndex - 1
            let removed = checkList.remove(at: drop)
            triggeredQueue.removeAll { $0.pairID == removed.id }
            if removed.id == entry.id { return nil }
        }
        return entry.id
    }

    func pairIndex(base: ICEBase, remote: TransportAddress) -> Int? {
        checkList.firstIndex { $0.pair.sendingBase == base && $0.pair.remote.address == remote }
    }

    func pairIndex(id: Int) -> Int? {
        checkList.firstIndex { $0.id == id }
    }

    /// Highest priority first (§6.1.2.3); the sort is stable so equal pairs keep their order.
    mutating func sortCheckList() {
        checkList.sort { $0.priority > $1.priority }
    }

    /// After a role change every pair priority changes (§7.3.1.1).
    mutating func reprioritise() {
        for i in checkList.indices { checkList[i].priority = checkList[i].pair.priority(as: role) }
        for i in validList.indices { validList[i].priority = validList[i].pair.priority(as: role) }
        sortCheckList()
    }

    /// §6.1.2.6: for each foundation with nothing Waiting or In-Progress, the frozen pair
    /// of the lowest component and highest priority becomes Waiting.
    mutating func unfreezeInitial() {
        var active = Set(checkList.filter { $0.state == .waiting || $0.state == .inProgress }.map(\.foundation))
        let order = checkList.indices.sorted {
            (checkList[$0].pair.component, checkList[$1].priority) < (checkList[$1].pair.component, checkList[$0].priority)
        }
        for i in order where checkList[i].state == .frozen && !active.contains(checkList[i].foundation) {
            checkList[i].state = .waiting
            active.insert(checkList[i].foundation)
        }
    }

    /// §7.2.5.3.3: a success thaws the frozen pairs of the same foundation.
    mutating func unfreeze(foundation: String) {
        for i in checkList.indices where checkList[i].state == .frozen && checkList[i].foundation == foundation {
            checkList[i].state = .waiting
        }
    }
}
