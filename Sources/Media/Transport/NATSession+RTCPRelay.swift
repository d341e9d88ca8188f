import Glibc
import NAT

/// A relayed candidate for RTCP (ICE component 2 without rtcp-mux): a second TURN
/// allocation, made from the RTCP socket over UDP, or on a connection of its own over TCP
/// or TLS, so that RTCP crosses a symmetric NAT or a firewall as RTP does. It is released
/// as soon as the stream settles on one component.
extension NATSession {
    func startRTCPRelay(now: ContinuousClock.Instant) {
        guard rtcpSocket != nil, agent?.componentCount == 2,
              let server = settings.turnServer, let user = settings.turnUser, let password = settings.turnPassword else { return }
        if settings.turnTransport == .tcp {
            // RTP's allocation says what failed; RTCP goes on without a relay.
            rtcpRelayStream = openRelayStream(to: server, component: 2) { _ in }
            guard rtcpRelayStream?.isLost == false else { return }
        }
        var client = TURNClient(server: server, transport: settings.turnTransport, username: user, password: password,
                                software: "pipit")
        let outputs = client.start(now: now)
        rtcpTurn = client
        rtcpTurnOutputs(outputs, now: now)
    }

    func rtcpTurnOutputs(_ outputs: [TURNClient.Output], now: ContinuousClock.Instant) {
        guard let rtcpSocket, let rtcpBase else { return }
        for output in outputs {
            switch output {
            case .send(let bytes):
                guard let server = rtcpTurn?.server else { continue }
                bytes.withUnsafeBytes { raw in
                    if let stream = rtcpRelayStream { stream.write(raw) } else { _ = rtcpSocket.send(raw, to: SocketAddress(server)) }
                }
            case .allocated(let relayed, let mapped, _):
                if let server = rtcpTurn?.server {
                    agent?.addRelayedCandidate(relayed, via: rtcpBase, mapped: mapped, server: server)
                }
            case .failed(let failure):
                // RTP's allocation says the same to the user; RTCP goes on without a relay.
                monitor.report(.nat("TURN for RTCP: \(failure)"))
                rtcpTurn = nil
                rtcpRelayStream?.retire()
            case .peerFailed, .permissionCreated, .channelBound, .closed:
                break
            }
        }
    }

    /// Whether `base` is the RTCP allocation's relayed address.
    func isRTCPRelay(_ base: TransportAddress) -> Bool {
        rtcpTurn?.relayedAddress == base
    }

    /// RTCP or a check to `peer` through the RTCP allocation (no allocation: a buffer kept for it).
    func sendRTCPRelayed(_ bytes: UnsafeRawBufferPointer, to peer: TransportAddress) -> Bool {
        guard let client = rtcpTurn, let rtcpSocket else { return false }
        let server = SocketAddress(client.server)
        var buffer = wrapBuffer
        wrapBuffer = []
        defer { wrapBuffer = buffer }
        return buffer.withUnsafeMutableBytes { out -> Bool in
            guard let length = client.wrap(payload: bytes, to: peer, into: out) else { return false }
            let frame = UnsafeRawBufferPointer(rebasing: out[0..<length])
            return rtcpRelayStream.map { $0.write(frame) } ?? rtcpSocket.send(frame, to: server)
        }
    }

    func ensureRTCPPermission(for peer: TransportAddress, now: ContinuousClock.Instant) {
        guard var client = rtcpTurn, client.relayedAddress != nil, peer.family == client.server.family else { return }
        let outputs = client.permit(peer, now: now)
        rtcpTurn = client
        rtcpTurnOutputs(outputs, now: now)
    }

    func bindRTCPRelayChannel(to peer: TransportAddress, now: ContinuousClock.Instant) {
        guard var client = rtcpTurn, client.channel(for: peer) == nil else { return }
        let outputs = client.bindChannel(peer, now: now)
        rtcpTurn = client
        rtcpTurnOutputs(outputs, now: now)
    }

    /// A datagram from the TURN server on the RTCP socket: relayed RTCP (unwrapped in
    /// place, for the stream), a check through the relay, or the allocation's own traffic.
    func inboundRTCPRelay(_ buffer: UnsafeMutableRawBufferPointer, count: Int, now: ContinuousClock.Instant)
        -> (length: Int, from: SocketAddress)? {
        guard var client = rtcpTurn else { return nil }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
        if let (peer, payload) = client.unwrap(bytes) {
            if payload.lowerBound > 0, let base = buffer.baseAddress {
                memmove(base, base + payload.lowerBound, payload.count)
            }
            let inner = UnsafeRawBufferPointer(rebasing: buffer[0..<payload.count])
            if PacketClassifier.classify(inner) == .stun {
                if let relayed = client.relayedAddress { receiveRTCPSTUN(inner, from: peer, arrivedOn: .relay(relayed), now: now) }
                return nil
            }
            return (payload.count, SocketAddress(peer))
        }
        // One server is often both: the STUN answer is the RTCP binding's.
        if receiveRTCPBindingResponse(bytes, from: client.server, now: now) { return nil }
        let outputs = client.receive(bytes, now: now)
        rtcpTurn = client
        rtcpTurnOutputs(outputs, now: now)
        finishGatheringIfDone(now: now)
        return nil
    }

    func tickRTCPRelay(now: ContinuousClock.Instant) {
        guard var client = rtcpTurn, let due = client.nextDeadline, now >= due else { return }
        let outputs = client.tick(now: now)
        rtcpTurn = client
        rtcpTurnOutputs(outputs, now: now)
    }

    /// Deallocates (best effort: one Refresh with LIFETIME 0) when RTCP no longer needs
    /// its own relay, or at the end of the call.
    func releaseRTCPRelay(now: ContinuousClock.Instant) {
        guard var client = rtcpTurn else { return }
        let outputs = client.close(now: now)
        rtcpTurn = client
        for case .send(let bytes) in outputs { rtcpTurnOutputs([.send(bytes)], now: now) }
        rtcpTurn = nil
        // Its connection stays in the poll set until the call ends, quiet.
        rtcpRelayStream?.retire()
    }
}
