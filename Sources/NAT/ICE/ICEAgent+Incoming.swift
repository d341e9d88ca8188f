extension ICEAgent {
    /// A Binding request from the peer (§7.3.1), already integrity-checked by the owner
    /// with `key(forUsername:)`. Answers it (success with the source as
    /// XOR-MAPPED-ADDRESS, or 400/401/487), resolves role conflicts, learns
    /// peer-reflexive candidates and queues the triggered check.
    public mutating func receiveRequest(_ request: ICEIncomingRequest, now: ContinuousClock.Instant) {
        guard let username = request.username, username.contains(":") else {
            respond(to: request, .failure(code: 400, reason: "Bad Request"), key: nil)
            return
        }
        guard let key = key(forUsername: username) else {
            respond(to: request, .failure(code: 401, reason: "Unauthorized"), key: nil)
            return
        }
        guard local(arrivedOn: request.arrivedOn) != nil else { return }
        if let theirs = request.role, theirs.role == role {
            // §7.3.1.1: both think they control (or both are controlled): the larger
            // tie-breaker controls; 487 tells the peer to switch, or this agent switches.
            let weWin = tieBreaker >= theirs.tieBreaker
            if (role == .controlling) == weWin {
                respond(to: request, .failure(code: 487, reason: "Role Conflict"), key: key)
                return
            }
            switchRole(to: role.other)
        }
        respond(to: request, .success(mapped: request.source), key: key)
        let currentCredentials = username.hasPrefix(localCredentials.ufrag + ":")
        guard currentCredentials else { return }  // the peer's consent on the old pair
        guard state != .new, remoteCredentials != nil else {
            if earlyRequests.count < configuration.maximumEarlyRequests { earlyRequests.append(request) }
            return
        }
        learnFromRequest(request, now: now)
        evaluate(now: now)
    }

    /// §7.3.1.3–5: the peer-reflexive remote candidate, the triggered check, and the
    /// controlled agent's nomination.
    mutating func learnFromRequest(_ request: ICEIncomingRequest, now: ContinuousClock.Instant) {
        guard let local = local(arrivedOn: request.arrivedOn) else { return }
        var remote = remoteCandidates.first { $0.address == request.source && $0.component == local.component }
        if remote == nil {
            let learned = ICECandidate(
                kind: .peerReflexive, component: local.component, address: request.source,
                foundation: "prflx\(remoteCandidates.count + 1)", priority: request.priority ?? 0)
            guard remoteCandidates.count < configuration.maximumRemoteCandidates else { return }
            remoteCandidates.append(learned)
            remote = learned
        }
        guard let remote, let pairID = addPair(local: local, remote: remote, state: .waiting),
              let i = pairIndex(id: pairID) else { return }
        let nominate = request.useCandidate && role == .controlled
        if nominate { checkList[i].remoteNominated = true }
        switch checkList[i].state {
        case .succeeded:
            if nominate, let v = validList.firstIndex(where: { $0.checkedPairID == pairID }) {
                validList[v].nominated = true
                updateSelection(now: now)
            }
        case .frozen, .waiting, .failed, .inProgress:
            if checkList[i].state != .inProgress { checkList[i].state = .waiting }
            if !selectedSinceStart.contains(local.component) || nominate {
                trigger(pairID: pairID, useCandidate: false)
            }
        }
    }

    /// The local candidate a request arrived on: the relayed candidate of an allocation,
    /// or the host candidate of a socket.
    func local(arrivedOn base: ICEBase) -> ICECandidate? {
        localCandidates.first {
            base.relayed ? ($0.kind == .relayed && $0.address == base.address) : ($0.kind == .host && $0.address == base.address)
        }
    }

    mutating func respond(to request: ICEIncomingRequest, _ result: ICEResponse.Result, key: String?) {
        emit(.sendResponse(ICEResponse(
            transactionID: request.transactionID, from: request.arrivedOn, to: request.source, result: result, key: key)))
    }

    mutating func switchRole(to newRole: ICERole) {
        guard newRole != role else { return }
        role = newRole
        reprioritise()
        emit(.roleChanged(newRole))
    }
}
