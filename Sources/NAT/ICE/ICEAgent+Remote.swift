extension ICEAgent {
    /// The peer's credentials, lite flag and candidates (from its SDP); starts the checks.
    /// After a remote ICE restart (new ufrag/pwd) call `restart(using:)` first.
    public mutating func setRemote(_ remote: ICEDescription, now: ContinuousClock.Instant) {
        remoteCredentials = ICECredentials(ufrag: remote.ufrag, pwd: remote.pwd)
        remoteIsLite = remote.lite
        if remote.lite, role == .controlled {
            // §6.1.1: a full agent facing a lite one always controls.
            role = .controlling
            reprioritise()
        }
        for candidate in remote.candidates { addRemote(candidate) }
        if state == .new {
            state = .running
            startedAt = now
        }
        unfreezeInitial()
        let early = earlyRequests
        earlyRequests.removeAll()
        for request in early { learnFromRequest(request, now: now) }
        evaluate(now: now)
    }

    /// A candidate the peer signalled later (trickled or in an updated description).
    public mutating func addRemoteCandidate(_ candidate: ICECandidate, now: ContinuousClock.Instant) {
        addRemote(candidate)
        if state == .running { unfreezeInitial() }
    }

    /// Adds (or, for a peer-reflexive one now signalled, upgrades) a remote candidate and
    /// pairs it; returns it as stored.
    @discardableResult
    mutating func addRemote(_ candidate: ICECandidate) -> ICECandidate? {
        guard (1...componentCount).contains(candidate.component), candidate.address.port != 0,
              !candidate.address.isUnspecified else { return nil }
        if let i = remoteCandidates.firstIndex(where: { $0.address == candidate.address && $0.component == candidate.component }) {
            guard remoteCandidates[i].kind == .peerReflexive, candidate.kind != .peerReflexive else { return remoteCandidates[i] }
            // §7.3.1.3: the signalled candidate replaces the learned one; the pairs stay.
            remoteCandidates[i] = candidate
            for j in checkList.indices where checkList[j].pair.remote.address == candidate.address
                && checkList[j].pair.component == candidate.component {
                checkList[j].pair.remote = candidate
                checkList[j].priority = checkList[j].pair.priority(as: role)
            }
            sortCheckList()
            return candidate
        }
        guard remoteCandidates.count < configuration.maximumRemoteCandidates else { return nil }
        remoteCandidates.append(candidate)
        for local in localCandidates where local.kind == .host || local.kind == .relayed {
            addPair(local: local, remote: candidate, state: .frozen)
        }
        return candidate
    }
}
