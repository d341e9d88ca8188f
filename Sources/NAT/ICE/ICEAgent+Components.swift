extension ICEAgent {
    /// Offer/answer agreed on rtcp-mux (RFC 5761), or the peer signalled no RTCP
    /// candidates: the stream has one component from now on. Component 2's candidates,
    /// pairs, checks and consent are dropped; the agent completes on component 1 alone.
    public mutating func dropRTCPComponent(now: ContinuousClock.Instant) {
        guard componentCount == 2 else { return }
        componentCount = 1
        let rtcpBases = Set(localCandidates.filter { $0.component == 2 }.map(\.sendingBase))
        localCandidates.removeAll { $0.component == 2 }
        remoteCandidates.removeAll { $0.component == 2 }
        let ids = Set(checkList.filter { $0.pair.component == 2 }.map(\.id))
        checkList.removeAll { ids.contains($0.id) }
        validList.removeAll { $0.pair.component == 2 }
        triggeredQueue.removeAll { ids.contains($0.pairID) }
        transactions = transactions.filter { entry in
            entry.value.consentComponent != 2 && !(entry.value.pairID.map(ids.contains) ?? false)
        }
        earlyRequests.removeAll { rtcpBases.contains($0.arrivedOn) }
        nominationDue[2] = nil
        relayWaitExtended.remove(2)
        nominating.remove(2)
        selectedSinceStart.remove(2)
        selectedPairs[2] = nil
        consent[2] = nil
        if state == .running { updateSelection(now: now) }
    }
}
