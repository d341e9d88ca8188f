import Glibc
import NAT

/// TURN over TCP (RFC 8656 §3.1): one connection to the server carries the allocation's
/// requests and, framed, the relayed media — for networks that drop all UDP.
extension NATSession {
    /// What may wait for the kernel before media is dropped (a stalled connection must not
    /// grow memory).
    static let relayBacklogLimit = 64 * 1024

    func openRelayConnection(to server: TransportAddress) {
        do {
            relayConnection = try MediaSocket.connect(to: SocketAddress(server))
            relayFramer = TURNStreamFramer()
            streamReadBuffer = [UInt8](repeating: 0, count: 4096)
            frameBuffer = [UInt8](repeating: 0, count: 2048)
            relayBacklog.reserveCapacity(Self.relayBacklogLimit)
        } catch {
            gathering.turnFailure = "cannot reach the TURN server \(server) over TCP: \(error)"
        }
    }

    func isRelayConnection(_ socket: MediaSocket) -> Bool { socket === relayConnection }

    /// Queues `bytes` behind what is waiting and writes what the kernel takes; false when
    /// the backlog is full (the frame is dropped, as a lost datagram would be).
    @discardableResult
    func writeToRelayConnection(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let connection = relayConnection, relayFramer != nil, !connection.isBroken else { return false }
        if relayBacklog.isEmpty {
            let written = connection.write(bytes)
            if written == bytes.count { return true }
            // The rest waits whole: a frame cut in two would desynchronise the server.
            relayBacklog.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[written...]))
            return true
        }
        guard relayBacklog.count + bytes.count <= Self.relayBacklogLimit else { return false }
        relayBacklog.append(contentsOf: bytes)
        flushRelayBacklog()
        return true
    }

    func flushRelayBacklog() {
        guard let connection = relayConnection, !relayBacklog.isEmpty else { return }
        let written = relayBacklog.withUnsafeBytes { connection.write($0) }
        if written > 0 { relayBacklog.removeFirst(written) }
    }

    /// Reads what the connection has and handles each frame as a datagram from the
    /// server; relayed media goes to `deliver` (in a buffer the stream may change).
    func readRelayConnection(now: ContinuousClock.Instant,
                             deliver: (UnsafeMutableRawBufferPointer, Int, SocketAddress) -> Void) {
        guard let connection = relayConnection, var framer = relayFramer else { return }
        var read = streamReadBuffer
        streamReadBuffer = []
        defer { streamReadBuffer = read }
        // Bounded: a busy connection cannot keep the media thread here.
        for _ in 0..<16 {
            guard let count = read.withUnsafeMutableBytes({ connection.read(into: $0) }) else { break }
            if count == 0 {
                lostRelayConnection("the TURN server closed the TCP connection")
                return
            }
            var offset = 0
            while offset < count {
                let taken = read.withUnsafeBytes { framer.append(UnsafeRawBufferPointer(rebasing: $0[offset..<count])) }
                offset += taken
                do {
                    while try framer.nextFrame({ frame in handleRelayFrame(frame, now: now, deliver: deliver) }) != nil {}
                } catch {
                    lostRelayConnection("the TURN server's TCP stream is out of step")
                    return
                }
                if taken == 0 { break }
            }
        }
        relayFramer = framer
        if connection.isBroken { lostRelayConnection("the TCP connection to the TURN server failed") }
    }

    private func handleRelayFrame(_ frame: UnsafeRawBufferPointer, now: ContinuousClock.Instant,
                                  deliver: (UnsafeMutableRawBufferPointer, Int, SocketAddress) -> Void) {
        guard frame.count <= frameBuffer.count, let server = turn?.server else { return }
        var copy = frameBuffer
        frameBuffer = []
        defer { frameBuffer = copy }
        copy.withUnsafeMutableBytes { raw in
            if let base = frame.baseAddress, let out = raw.baseAddress { out.copyMemory(from: base, byteCount: frame.count) }
            if let (length, from) = inbound(raw, count: frame.count, from: SocketAddress(server), component: 1, now: now) {
                deliver(raw, length, from)
            }
        }
    }

    private func lostRelayConnection(_ why: String) {
        // The descriptor stays in the engine's poll set until the call ends: point it at a
        // socket that never becomes readable instead of closing it (a closed one would
        // poll as ready forever, or be reused by another call's socket).
        if let connection = relayConnection {
            let quiet = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            if quiet >= 0 {
                _ = dup2(quiet, connection.descriptor)
                _ = Glibc.close(quiet)
            }
        }
        relayFramer = nil
        relayBacklog.removeAll(keepingCapacity: true)
        if case .allocated? = turn?.state { monitor.report(.nat("TURN: \(why); the relay is gone")) }
        gathering.turnFailure = gathering.turnFailure ?? why
        turn = nil
    }
}
