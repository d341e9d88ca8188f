import NAT

/// RTCP as ICE component 2 (a peer without rtcp-mux): the RTCP socket's own STUN binding
/// (its server-reflexive candidate) and the checks that arrive on it.
extension NATSession {
    /// The RTCP socket's binding: component 2's server-reflexive candidate (its failure
    /// is not reported: the RTP socket's says the same).
    func rtcpBindingOutput(_ output: STUNBindingClient.Output, server: TransportAddress) {
        guard let rtcpSocket, let rtcpBase else { return }
        switch output {
        case .send(let bytes):
            bytes.withUnsafeBytes { _ = rtcpSocket.send($0, to: SocketAddress(server)) }
        case .succeeded(let mapped):
            agent?.addServerReflexiveCandidate(mapped, base: rtcpBase, server: server)
        case .failed:
            break
        }
    }

    /// The STUN server's answer to the RTCP socket's binding (true), or not ours.
    func receiveRTCPBindingResponse(_ bytes: UnsafeRawBufferPointer, from: TransportAddress, now: ContinuousClock.Instant) -> Bool {
        guard var client = rtcpBinding, client.state == .waiting, from == settings.stunServer, let server = settings.stunServer,
              let output = client.receive(bytes, now: now) else { return false }
        rtcpBinding = client
        rtcpBindingOutput(output, server: server)
        finishGatheringIfDone(now: now)
        return true
    }

    /// STUN on the RTCP socket (or through its relay): its own binding's answer, or
    /// component 2's checks.
    func receiveRTCPSTUN(_ bytes: UnsafeRawBufferPointer, from: TransportAddress, arrivedOn: ICEBase,
                         now: ContinuousClock.Instant) {
        if receiveRTCPBindingResponse(bytes, from: from, now: now) { return }
        guard let agent, agent.componentCount == 2, let message = try? STUNMessage(parsing: bytes), message.method == .binding
        else { return }
        switch message.messageClass {
        case .request: receiveCheck(bytes, message, from: from, arrivedOn: arrivedOn, now: now)
        case .successResponse, .errorResponse:
            receiveCheckResponse(bytes, message, from: from, arrivedOn: arrivedOn, now: now)
        case .indication: break
        }
    }
}
