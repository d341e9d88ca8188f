/// A call's sockets and the way its packets travel: straight to the address the stream
/// names (signalled, then latched from the peer's packets). STUN and TURN traffic on the
/// same sockets (RFC 7983) will stay here; media goes on to the stream.
/// Media thread only.
final class StreamTransport {
    let rtp: MediaSocket
    let rtcp: MediaSocket
    private var closed = false

    init(rtp: MediaSocket, rtcp: MediaSocket) {
        self.rtp = rtp
        self.rtcp = rtcp
    }

    /// Everything to watch.
    var sockets: [MediaSocket] { [rtp, rtcp] }

    /// A datagram read into `buffer[0..<count]` from `from` on `socket`: nil when it was
    /// not media; else the media datagram's length and its real source, for the stream.
    func inbound(_ buffer: UnsafeMutableRawBufferPointer, count: Int, from: SocketAddress, on socket: MediaSocket,
                 now: ContinuousClock.Instant) -> (length: Int, from: SocketAddress)? {
        (count, from)
    }

    /// Sends one media datagram of `component` (1 RTP and everything muxed, 2 RTCP)
    /// towards `destination`. False when it could not go.
    @discardableResult
    func send(_ bytes: UnsafeRawBufferPointer, component: Int, to destination: SocketAddress?) -> Bool {
        guard let destination else { return false }
        return (component == 2 ? rtcp : rtp).send(bytes, to: destination)
    }

    func tick(now: ContinuousClock.Instant) {}

    func close() {
        guard !closed else { return }
        closed = true
        rtp.close()
        rtcp.close()
    }
}
