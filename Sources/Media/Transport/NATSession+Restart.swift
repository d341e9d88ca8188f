import NAT

/// ICE restart on our own network change (RFC 8445 §9): the public address we signalled
/// is stale (the NAT mapped us anew), or our own interface addresses changed (Wi-Fi to
/// Ethernet, DHCP renumbering, a VPN). The agent takes new credentials; sockets bound to
/// an address that went away move to the one the machine now routes from; host
/// candidates follow the interfaces; server-reflexive candidates (and, when the call's
/// socket moved, the relay) are learnt again; the next offer carries them all. Media
/// stays on the old pair until the new checks select one.
extension NATSession {
    /// Restarts ICE from our side. Without ICE with the peer there is nothing to restart,
    /// but a socket on a vanished address still moves and the public address is learnt
    /// again, for a re-offer that names where media went. False when nothing changed for
    /// the peer (no ICE and no socket moved). `whenGathered` then waits for the bindings.
    /// `removed`: only when the call uses one of these addresses (nil: in any case), so an
    /// unrelated address going away (an expired IPv6 privacy address, a container bridge)
    /// costs no re-INVITE.
    @discardableResult
    func restartForNetworkChange(now: ContinuousClock.Instant, ifUsing removed: [TransportAddress]? = nil) -> Bool {
        if let removed, !uses(any: removed) { return false }
        guard var agent, remoteDoesICE else { return followWithoutICE(now: now) }
        var generator = SystemRandomNumberGenerator()
        agent.restart(using: &generator)
        self.agent = agent
        let movedRTP = followInterfaces(usable: InterfaceAddresses.list().map(\.address), now: now)
        gatherAgain(newRelay: movedRTP, now: now)
        monitor.report(.nat("ICE: our network changed; restarting ICE with new credentials"))
        return true
    }

    /// Whether any of `addresses` (ports ignored) is one the call's sockets stand on, or
    /// the local side of a selected pair.
    func uses(any addresses: [TransportAddress]) -> Bool {
        var mine = [base, rtcpBase].compactMap { $0 } + otherHosts.map(\.localAddress.transportAddress)
        for pair in [selected, selectedRTCP].compactMap({ $0 }) where !pair.sendingBase.relayed {
            mine.append(pair.sendingBase.address)
        }
        let ours = Set(mine.map { $0.with(port: 0) })
        return addresses.contains { ours.contains($0.with(port: 0)) }
    }

    /// The peer does not do ICE (or ICE is off): media goes to the address the peer
    /// signalled or was latched, from the call's socket, which moves if its address went.
    private func followWithoutICE(now: ContinuousClock.Instant) -> Bool {
        guard followInterfaces(usable: InterfaceAddresses.list().map(\.address), now: now) else { return false }
        gatherAgain(newRelay: true, now: now)
        return true
    }

    /// The public address (and, with `newRelay`, the relay) learnt again for the next
    /// offer: the old server-reflexive candidates belong to the old network.
    private func gatherAgain(newRelay: Bool, now: ContinuousClock.Instant) {
        agent?.removeLocalCandidates { $0.kind == .serverReflexive }
        gathering.publicAddress = nil
        gathering.stunFailure = nil
        gathered = false
        startBindings(now: now)
        if newRelay { restartRelay(now: now) }
        gatherDeadline = now + settings.gatherTimeout
        finishGatheringIfDone(now: now)
    }

    /// Moves the sockets whose address is no longer among `usable` (port 0), opens host
    /// sockets on new addresses, closes those on vanished ones, and updates the agent's
    /// host candidates. True when the call's own (RTP) socket moved.
    func followInterfaces(usable: [TransportAddress], now: ContinuousClock.Instant) -> Bool {
        // A call on loopback (a test, a local echo) has nothing to follow.
        guard !base.isLoopback, !base.isUnspecified, !usable.isEmpty else { return false }
        let route = (settings.stunServer ?? settings.turnServer ?? selected?.destination)
            .flatMap { InterfaceAddresses.source(toward: $0) }
        var movedRTP = false
        let old = base
        if !usable.contains(old.with(port: 0)),
           let target = HostMove.replacement(for: old, usable: usable, route: route) {
            do {
                try socket.rebind(host: target.host, port: old.port)
                base = socket.localAddress.transportAddress
                movedRTP = true
                agent?.removeLocalCandidates { $0.base == old || ($0.kind == .relayed && $0.component == 1) }
                agent?.addHostCandidate(base, component: 1)
                monitor.report(.nat("our address \(old.host) is gone; media moves to \(base)"))
            } catch {
                monitor.report(.nat("cannot move media to \(target.host): \(error)"))
            }
        }
        if let rtcpSocket, let old = rtcpBase, !usable.contains(old.with(port: 0)),
           let target = HostMove.replacement(for: old, usable: usable, route: route) {
            do {
                try rtcpSocket.rebind(host: target.host, port: old.port)
                let moved = rtcpSocket.localAddress.transportAddress
                rtcpBase = moved
                releaseRTCPRelay(now: now)
                if agent?.componentCount == 2 {
                    agent?.removeLocalCandidates { $0.base == old || ($0.kind == .relayed && $0.component == 2) }
                    agent?.addHostCandidate(moved, component: 2)
                    startRTCPRelay(now: now)
                }
            } catch {
                monitor.report(.nat("cannot move RTCP to \(target.host): \(error)"))
            }
        }
        followOtherHosts(usable: usable)
        return movedRTP
    }

    /// Host candidates on the machine's other addresses: gone ones closed, new ones
    /// opened (four at most, as at the call's start).
    private func followOtherHosts(usable: [TransportAddress]) {
        for host in otherHosts where !usable.contains(host.localAddress.transportAddress.with(port: 0)) {
            let gone = host.localAddress.transportAddress
            agent?.removeLocalCandidates { $0.base == gone }
            host.close()
        }
        otherHosts.removeAll { !usable.contains($0.localAddress.transportAddress.with(port: 0)) }
        var rank: [TransportAddress.Family: Int] = [base.family: 1]
        for host in otherHosts { rank[host.localAddress.transportAddress.family, default: 0] += 1 }
        let taken = Set([base.with(port: 0)] + otherHosts.map { $0.localAddress.transportAddress.with(port: 0) })
        for address in usable where !taken.contains(address) && !address.isUnspecified && !address.isLoopback {
            guard otherHosts.count < 4 else { break }
            guard let host = try? MediaSocket.bind(host: address.host, port: 0) else { continue }
            otherHosts.append(host)
            agent?.addHostCandidate(host.localAddress.transportAddress, component: 1, rank: rank[address.family, default: 0])
            rank[address.family, default: 0] += 1
        }
    }

    /// A new allocation from the call's moved socket: the old one belongs to a 5-tuple
    /// that no longer exists (it expires on the server). Over TCP or TLS the connection to
    /// the server is opened again first, from the new address.
    private func restartRelay(now: ContinuousClock.Instant) {
        guard turn != nil || relayStream != nil, let server = settings.turnServer,
              let user = settings.turnUser, let password = settings.turnPassword else { return }
        if settings.turnTransport == .tcp {
            // The connection came from the vanished address: a new one from the new address.
            // (Called while the engine applies an update, so the poll set is rebuilt after.)
            relayStream?.close()
            relayStream = openRelayStream(to: server, component: 1) { gathering.turnFailure = $0 }
            guard relayStream?.isLost == false else {
                turn = nil
                return
            }
        }
        var client = TURNClient(server: server, transport: settings.turnTransport, username: user, password: password,
                                software: "pipit")
        let outputs = client.start(now: now)
        turn = client
        gathering.relayedAddress = nil
        gathering.turnFailure = nil
        relayedPeers.removeAll()
        relayPeer = nil
        turnOutputs(outputs, now: now)
    }
}

/// Where a socket whose address went away goes: the address the machine routes from now
/// (toward the STUN/TURN server or the peer), when it is usable and of the same family;
/// else the first usable address of that family. Pure.
enum HostMove {
    static func replacement(for old: TransportAddress, usable: [TransportAddress], route: TransportAddress?) -> TransportAddress? {
        if let route, route.family == old.family, usable.contains(route.with(port: 0)) { return route.with(port: 0) }
        return usable.first { $0.family == old.family && !$0.isLoopback && !$0.isUnspecified }
    }
}
