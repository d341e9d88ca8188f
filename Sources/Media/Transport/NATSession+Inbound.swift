import Glibc
import NAT

/// The receive side: every datagram of the call's RTP socket passes here first.
extension NATSession {
    /// Consumes STUN and TURN traffic (nil); a datagram the relay forwarded is unwrapped
    /// in place and goes on as if it came from the peer itself.
    func inbound(_ buffer: UnsafeMutableRawBufferPointer, count: Int, from: SocketAddress, component: Int,
                 on arrival: MediaSocket? = nil, now: ContinuousClock.Instant) -> (length: Int, from: SocketAddress)? {
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
        // Component 1 arrives on the call's socket or on another interface's (`otherHosts`).
        let onOtherHost = component == 1 && arrival.map { $0 !== socket } ?? false
        if component == 1, !onOtherHost, var client = turn, from.transportAddress == client.server {
            if let (peer, payload) = client.unwrap(bytes) {
                // Move the peer's datagram to the front: the stream works in place.
                if payload.lowerBound > 0, let base = buffer.baseAddress {
                    memmove(base, base + payload.lowerBound, payload.count)
                }
                let inner = UnsafeRawBufferPointer(rebasing: buffer[0..<payload.count])
                if PacketClassifier.classify(inner) == .stun {
                    guard let relayed = client.relayedAddress else { return nil }
                    receiveSTUN(inner, from: peer, arrivedOn: .relay(relayed), now: now)
                    return nil
                }
                noteRelayedPeer(peer)
                return (payload.count, SocketAddress(peer))
            }
            // One server is often both: the STUN answer is the binding client's.
            if receiveBindingResponse(bytes, from: from.transportAddress, now: now) { return nil }
            let outputs = client.receive(bytes, now: now)
            turn = client
            turnOutputs(outputs, now: now)
            finishGatheringIfDone(now: now)
            return nil
        }
        if component == 2, let server = rtcpTurn?.server, from.transportAddress == server {
            return inboundRTCPRelay(buffer, count: count, now: now)
        }
        guard PacketClassifier.classify(bytes) == .stun else { return (count, from) }
        if component == 2 {
            if let rtcpBase { receiveRTCPSTUN(bytes, from: from.transportAddress, arrivedOn: .socket(rtcpBase), now: now) }
            return nil
        }
        let arrivedOn = onOtherHost ? arrival?.localAddress.transportAddress ?? base : base
        receiveSTUN(bytes, from: from.transportAddress, arrivedOn: .socket(arrivedOn), now: now)
        return nil
    }

    /// A STUN message from `from`: the STUN server's answer, or an ICE check or its response.
    func receiveSTUN(_ bytes: UnsafeRawBufferPointer, from: TransportAddress, arrivedOn: ICEBase, now: ContinuousClock.Instant) {
        if receiveBindingResponse(bytes, from: from, now: now) { return }
        guard agent != nil, let message = try? STUNMessage(parsing: bytes), message.method == .binding else { return }
        switch message.messageClass {
        case .request: receiveCheck(bytes, message, from: from, arrivedOn: arrivedOn, now: now)
        case .successResponse, .errorResponse: receiveCheckResponse(bytes, message, from: from, arrivedOn: arrivedOn, now: now)
        case .indication: break   // a keep-alive: nothing to answer
        }
    }

    /// The STUN server's answer to our binding request (true), or not ours.
    func receiveBindingResponse(_ bytes: UnsafeRawBufferPointer, from: TransportAddress, now: ContinuousClock.Instant) -> Bool {
        guard var client = binding, client.state == .waiting, from == settings.stunServer, let server = settings.stunServer,
              let output = client.receive(bytes, now: now) else { return false }
        binding = client
        bindingOutput(output, server: server)
        finishGatheringIfDone(now: now)
        return true
    }
}
