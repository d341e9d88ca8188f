import NAT

/// TURN over TCP or TLS (RFC 8656 §3.1): RTP's allocation, and RTCP's without rtcp-mux,
/// each on its own connection to the server (`RelayStream`) — for networks that drop UDP.
extension NATSession {
    /// Connects to the TURN server for `component` (1 RTP, 2 RTCP); nil with the reason
    /// in `failed` when it cannot even start.
    func openRelayStream(to server: TransportAddress, component: Int, failed: (String) -> Void) -> RelayStream? {
        let stream: RelayStream
        do {
            stream = try RelayStream(server: server, tls: settings.turnTLS)
        } catch {
            failed("cannot reach the TURN server \(server) over \(settings.turnTLS == nil ? "TCP" : "TLS"): \(error)")
            return nil
        }
        if let failure = stream.failure {
            // Kept: its descriptor is already quiet, and harmless in the poll set.
            failed(failure)
            return stream
        }
        stream.onLost = { [unowned self] why in component == 1 ? lostRelayStream(why) : lostRTCPRelayStream(why) }
        return stream
    }

    func isRelayConnection(_ socket: MediaSocket) -> Bool {
        socket === relayStream?.connection || socket === rtcpRelayStream?.connection
    }

    /// Sends one frame to the TURN server on RTP's connection; false when dropped.
    @discardableResult
    func writeToRelayConnection(_ bytes: UnsafeRawBufferPointer) -> Bool {
        relayStream?.write(bytes) ?? false
    }

    /// Reads what the connections to the TURN server have (the engine says only that one
    /// of them is readable) and handles each frame as a datagram from the server; relayed
    /// media goes to `deliver` (in a buffer the stream may change).
    func readRelayConnection(now: ContinuousClock.Instant,
                             deliver: (UnsafeMutableRawBufferPointer, Int, SocketAddress) -> Void) {
        if let stream = relayStream {
            let from = SocketAddress(stream.server)
            stream.read { raw, count in
                if let (length, source) = inbound(raw, count: count, from: from, component: 1, now: now) { deliver(raw, length, source) }
            }
        }
        rtcpRelayStream?.read { raw, count in
            if let (length, source) = inboundRTCPRelay(raw, count: count, now: now) { deliver(raw, length, source) }
        }
    }

    func flushRelayStreams() {
        relayStream?.flush()
        rtcpRelayStream?.flush()
    }

    private func lostRelayStream(_ why: String) {
        if case .allocated? = turn?.state {
            monitor.report(.nat("TURN: \(why); the relay is gone"))
        } else if turn != nil {
            monitor.report(.nat(why))
        }
        gathering.turnFailure = gathering.turnFailure ?? why
        turn = nil
    }

    private func lostRTCPRelayStream(_ why: String) {
        // Before its allocation, RTP's connection fails the same way and says so; RTCP
        // goes on without a relay.
        if case .allocated? = rtcpTurn?.state { monitor.report(.nat("TURN for RTCP: \(why); the relay is gone")) }
        rtcpTurn = nil
    }
}
