import NAT

/// Carries a TURN client's traffic to the real server over UDP or TCP (with the stream
/// framer) and feeds answers back: what the media engine will do, in a test.
final class TURNLink {
    var turn: TURNClient
    let udp: UDPTestSocket?
    let tcp: TCPTestSocket?
    var framer = TURNStreamFramer()
    /// Added to the real clock: lets a test jump ahead to refresh times.
    var clockOffset: Duration = .zero
    /// Relayed media that arrived while waiting for something else.
    var relayed: [(peer: TransportAddress, payload: [UInt8])] = []

    init(server: TransportAddress, transport: STUNTransport, username: String, password: String) throws {
        turn = TURNClient(server: server, transport: transport, username: username, password: password, software: "pipit-test")
        if transport == .udp {
            udp = try UDPTestSocket()
            tcp = nil
        } else {
            udp = nil
            tcp = try TCPTestSocket(port: server.port)
        }
    }

    var now: ContinuousClock.Instant { .now + clockOffset }

    func send(_ bytes: [UInt8]) {
        if let udp { udp.send(bytes, to: turn.server) } else { tcp?.send(bytes) }
    }

    /// Frames from the server that arrive within `milliseconds`.
    func receiveFrames(milliseconds: Int32) throws -> [[UInt8]] {
        if let udp { return udp.receive(milliseconds: milliseconds).map { [$0.bytes] } ?? [] }
        guard let tcp else { return [] }
        let chunk = tcp.receive(milliseconds: milliseconds)
        var frames: [[UInt8]] = []
        var offset = 0
        while offset < chunk.count {
            offset += chunk[offset...].withUnsafeBytes { framer.append($0) }
            while let frame = try framer.nextFrame({ Array($0) }) { frames.append(frame) }
        }
        return frames
    }

    /// Sends what `outputs` asks, then pumps answers and ticks until an output matches
    /// `done` (returned) or `seconds` pass (nil).
    func run(_ outputs: [TURNClient.Output], seconds: Double = 3, until done: (TURNClient.Output) -> Bool) throws -> TURNClient.Output? {
        var queue = outputs
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while true {
            for output in queue {
                if case .send(let bytes) = output { send(bytes) }
                if done(output) { return output }
            }
            queue = []
            guard ContinuousClock.now < deadline else { return nil }
            for frame in try receiveFrames(milliseconds: 50) {
                if let media = frame.withUnsafeBytes({ turn.unwrap($0) }) {
                    relayed.append((media.peer, Array(frame[media.payload])))
                } else {
                    queue += frame.withUnsafeBytes { turn.receive($0, now: now) }
                }
            }
            queue += turn.tick(now: now)
        }
    }

    /// Wraps `payload` for `peer` and sends it to the server.
    func sendMedia(_ payload: [UInt8], to peer: TransportAddress) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 2048)
        guard let n = payload.withUnsafeBytes({ p in buffer.withUnsafeMutableBytes { turn.wrap(payload: p, to: peer, into: $0) } })
        else { return false }
        send(Array(buffer.prefix(n)))
        return true
    }

    /// Waits for relayed media from the server.
    func receiveMedia(seconds: Double = 2) throws -> (peer: TransportAddress, payload: [UInt8])? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while relayed.isEmpty, ContinuousClock.now < deadline {
            for frame in try receiveFrames(milliseconds: 50) {
                if let media = frame.withUnsafeBytes({ turn.unwrap($0) }) { relayed.append((media.peer, Array(frame[media.payload]))) }
            }
        }
        return relayed.isEmpty ? nil : relayed.removeFirst()
    }
}
