/// One call on the media thread, from the moment its sockets are bound to its end: the
/// transport (sockets, NAT traversal — gathering starts before offer/answer) and, once
/// something is agreed, the RTP stream. The engine drives it as one handler.
final class CallMedia: MediaStreamHandler {
    let transport: StreamTransport
    let monitor: StreamMonitor
    private(set) var stream: RTPStream?
    /// Where datagrams are read to; the stream works on them in place (SRTP).
    private var buffer = [UInt8](repeating: 0, count: 2048)

    init(transport: StreamTransport, monitor: StreamMonitor) {
        self.transport = transport
        self.monitor = monitor
    }

    var sockets: [MediaSocket] { transport.sockets }

    /// Starts the stream for what offer/answer agreed, or reconfigures the running one.
    /// False when the codec or SRTP could not be set up (the monitor says why).
    @discardableResult
    func configure(_ configuration: MediaStreamConfiguration, hub: DeviceHub?) -> Bool {
        transport.nat?.setRemote(configuration.ice?.description, controlling: configuration.ice?.controlling ?? true,
                                 rtcpMux: configuration.rtcpMux, now: .now)
        if let stream {
            stream.reconfigure(configuration)
            return true
        }
        stream = RTPStream(configuration: configuration, transport: transport, monitor: monitor, hub: hub)
        return stream != nil
    }

    func readable(_ socket: MediaSocket, now: ContinuousClock.Instant) {
        if let nat = transport.nat, nat.isRelayConnection(socket) {
            nat.readRelayConnection(now: now) { raw, length, from in stream?.receive(raw, length: length, from: from, now: now) }
            return
        }
        // Bounded: a flood cannot keep the media thread here forever.
        for _ in 0..<64 {
            let done = buffer.withUnsafeMutableBytes { raw -> Bool in
                guard let (count, from) = socket.receive(into: raw) else { return true }
                if let (length, source) = transport.inbound(raw, count: count, from: from, on: socket, now: now) {
                    stream?.receive(raw, length: length, from: source, now: now)
                }
                return false
            }
            if done { return }
        }
    }

    func tick(now: ContinuousClock.Instant) {
        transport.tick(now: now)
        stream?.tick(now: now)
    }

    func close() {
        stream?.close()
        transport.close()
    }
}
