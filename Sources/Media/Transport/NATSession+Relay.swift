import NAT

/// The TURN side: the client's outputs, and media through the relay.
extension NATSession {
    func turnOutputs(_ outputs: [TURNClient.Output], now: ContinuousClock.Instant) {
        for output in outputs {
            switch output {
            case .send(let bytes):
                sendToRelayServer(bytes)
            case .allocated(let relayed, let mapped, _):
                gathering.relayedAddress = relayed
                if gathering.publicAddress == nil { gathering.publicAddress = mapped }
                if let server = turn?.server {
                    agent?.addRelayedCandidate(relayed, via: base, mapped: mapped, server: server)
                }
            case .failed(let failure):
                gathering.turnFailure = "\(failure)"
                monitor.report(.nat("\(failure)"))
            case .peerFailed(let peer, let failure):
                monitor.report(.nat("TURN: no relay to \(peer.host): \(failure)"))
            case .permissionCreated, .channelBound, .closed:
                break
            }
        }
    }

    func sendToRelayServer(_ bytes: [UInt8]) {
        guard let server = turn?.server else { return }
        bytes.withUnsafeBytes { raw in
            if relayStream != nil {
                _ = writeToRelayConnection(raw)
            } else {
                _ = socket.send(raw, to: SocketAddress(server))
            }
        }
    }

    /// Media or a check to `peer` through the relay: ChannelData once a channel is bound,
    /// a Send indication before; wrapped in a buffer kept for it (no allocation).
    func sendRelayed(_ bytes: UnsafeRawBufferPointer, to peer: TransportAddress) -> Bool {
        guard let client = turn else { return false }
        let server = SocketAddress(client.server)
        var buffer = wrapBuffer
        wrapBuffer = []   // keeps the storage unique while it is written (no copy)
        defer { wrapBuffer = buffer }
        return buffer.withUnsafeMutableBytes { out -> Bool in
            guard let length = client.wrap(payload: bytes, to: peer, into: out) else { return false }
            let frame = UnsafeRawBufferPointer(rebasing: out[0..<length])
            return relayStream != nil ? writeToRelayConnection(frame) : socket.send(frame, to: server)
        }
    }

    /// The relay forwards only what peers with a permission send (RFC 8656 §9): every
    /// signalled remote candidate gets one before the checks.
    func permitRemoteCandidates(_ addresses: [TransportAddress], now: ContinuousClock.Instant) {
        for address in Set(addresses.map { $0.with(port: 0) }) {
            ensurePermission(for: address, now: now)
            ensureRTCPPermission(for: address, now: now)
        }
    }

    func ensurePermission(for peer: TransportAddress, now: ContinuousClock.Instant) {
        guard var client = turn, client.relayedAddress != nil, peer.family == client.server.family else { return }
        let outputs = client.permit(peer, now: now)
        turn = client
        turnOutputs(outputs, now: now)
    }

    /// The selected pair is relayed: a channel makes each packet 4 bytes of overhead
    /// instead of a Send indication's 36.
    func bindRelayChannel(to peer: TransportAddress, now: ContinuousClock.Instant) {
        guard var client = turn, client.channel(for: peer) == nil else { return }
        let outputs = client.bindChannel(peer, now: now)
        turn = client
        turnOutputs(outputs, now: now)
    }
}
