import Hashing
extension ICEAgent {
    /// ICE restart (§9): new local credentials from `generator` and a new check list once
    /// the peer's new description arrives (`setRemote`). The selected pairs carry media
    /// until new ones are selected; the old credentials stay valid until then.
    /// Local host, server-reflexive and relayed candidates are kept (add new ones, or call
    /// `removeLocalCandidates(where:)` after a network change).
    public mutating func restart(using generator: inout some RandomNumberGenerator) {
        if previousLocalCredentials == nil || !selectedSinceStart.isEmpty { previousLocalCredentials = localCredentials }
        localCredentials = .random(using: &generator)
        random = SplitMix64(seed: generator.next())
        remoteCredentials = nil
        remoteIsLite = false
        localCandidates.removeAll { $0.kind == .peerReflexive }
        remoteCandidates.removeAll()
        checkList.removeAll()
        validList.removeAll()
        triggeredQueue.removeAll()
        transactions = transactions.filter { $0.value.consentComponent != nil }
        nominationDue.removeAll()
        relayWaitExtended.removeAll()
        nominating.removeAll()
        selectedSinceStart.removeAll()
        earlyRequests.removeAll()
        lastCheckSent = nil
        startedAt = nil
        state = .new
    }

    /// Drops local candidates (e.g. of an interface that went away) and their pairs.
    public mutating func removeLocalCandidates(where shouldRemove: (ICECandidate) -> Bool) {
        let removed = localCandidates.filter(shouldRemove)
        localCandidates.removeAll(where: shouldRemove)
        let bases = Set(removed.map(\.sendingBase))
        let ids = Set(checkList.filter { bases.contains($0.pair.sendingBase) }.map(\.id))
        checkList.removeAll { ids.contains($0.id) }
        validList.removeAll { bases.contains($0.pair.sendingBase) }
        triggeredQueue.removeAll { ids.contains($0.pairID) }
        // A nomination queued on a removed pair would never be sent: nominate again.
        nominating.removeAll()
    }
}
