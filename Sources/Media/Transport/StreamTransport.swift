/// A call's sockets and the way its packets travel: straight to the address the stream
/// names (signalled, then latched from the peer's packets), or, with ICE, along the
/// selected candidate pair — through the TURN relay when that pair is relayed. STUN and
/// TURN traffic on the same sockets (RFC 7983) stays here; media goes on to the stream.
/// Media thread only.
final class StreamTransport {
    let rtp: MediaSocket
    let rtcp: MediaSocket
    /// NAT traversal (STUN, TURN, ICE); nil when all of it is off.
    let nat: NATSession?
    private var closed = false

    init(rtp: MediaSocket, rtcp: MediaSocket, nat: NATSession? = nil) {
        self.rtp = rtp
        self.rtcp = rtcp
        self.nat = nat
    }

    /// Everything to watch.
    var sockets: [MediaSocket] { [rtp, rtcp] + (nat?.extraSockets ?? []) }

    /// A datagram read into `buffer[0..<count]` from `from` on `socket`: nil when it was
    /// NAT traffic (consumed here); else the media datagram's length and its real source
    /// (a relayed one unwrapped in place), for the stream.
    func inbound(_ buffer: UnsafeMutableRawBufferPointer, count: Int, from: SocketAddress, on socket: MediaSocket,
                 now: ContinuousClock.Instant) -> (length: Int, from: SocketAddress)? {
        guard let nat else { return (count, from) }
        return nat.inbound(buffer, count: count, from: from, component: socket === rtcp ? 2 : 1, on: socket, now: now)
    }

    /// Sends one media datagram of `component` (1 RTP and everything muxed, 2 RTCP):
    /// along ICE's selected pair when there is one, else to `destination`. False when it
    /// could not go (no address yet, consent lost, the kernel refused).
    @discardableResult
    func send(_ bytes: UnsafeRawBufferPointer, component: Int, to destination: SocketAddress?) -> Bool {
        if let nat {
            if nat.mustNotSend(component: component) { return false }
            if let pair = nat.route(component: component) { return nat.send(bytes, along: pair) }
            if component == 1, let destination {
                if nat.relayWithoutICE { return nat.sendThroughRelay(bytes, to: destination, now: .now) }
                if nat.reachesThroughRelay(destination) { return nat.sendRelayed(bytes, to: destination.transportAddress) }
            }
        }
        guard let destination else { return false }
        return (component == 2 ? rtcp : rtp).send(bytes, to: destination)
    }

    func tick(now: ContinuousClock.Instant) {
        nat?.tick(now: now)
    }

    func close() {
        guard !closed else { return }
        closed = true
        nat?.close()
        rtp.close()
        rtcp.close()
    }
}
