import Glibc
import NAT

/// TURN over TCP or TLS (RFC 8656 §3.1): one connection to the server carries the
/// allocation's requests and, framed, the relayed media — for networks that drop all UDP.
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
            gathering.turnFailure = "cannot reach the TURN server \(server) over \(settings.turnTLS == nil ? "TCP" : "TLS"): \(error)"
            return
        }
        if let tls = settings.turnTLS { startRelayTLS(tls, server: server) }
    }

    func isRelayConnection(_ socket: MediaSocket) -> Bool { socket === relayConnection }

    /// Sends one frame (a STUN message or ChannelData) to the server; false when it was
    /// dropped (backlog full, connection gone), as a lost datagram would be.
    @discardableResult
    func writeToRelayConnection(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let connection = relayConnection, relayFramer != nil, !connection.isBroken else { return false }
        if relayTLS != nil { return writeThroughTLS(bytes) }
        guard relayBacklog.isEmpty || relayBacklog.count + bytes.count <= Self.relayBacklogLimit else { return false }
        writeInOrder(bytes)
        return true
    }

    /// Writes `bytes` behind what is waiting; what the kernel does not take waits whole
    /// (a frame or TLS record cut in two would desynchronise the server).
    func writeInOrder(_ bytes: UnsafeRawBufferPointer) {
        guard let connection = relayConnection else { return }
        if relayBacklog.isEmpty {
            let written = connection.write(bytes)
            if written < bytes.count { relayBacklog.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[written...])) }
            return
        }
        relayBacklog.append(contentsOf: bytes)
        flushRelayBacklog()
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
        guard let connection = relayConnection, relayFramer != nil else { return }
        var read = streamReadBuffer
        streamReadBuffer = []
        defer { streamReadBuffer = read }
        // Bounded: a busy connection cannot keep the media thread here.
        for _ in 0..<16 {
            guard let count = read.withUnsafeMutableBytes({ connection.read(into: $0) }) else { break }
            if count == 0 {
                lostRelayConnection(relayTLS == nil ? "the TURN server closed the TCP connection"
                                                    : relayTLSFailure(.closed))
                return
            }
            let going = read.withUnsafeBytes { raw -> Bool in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                guard relayTLS != nil else { return consumeRelayStream(chunk, now: now, deliver: deliver) }
                return receiveThroughTLS(chunk) { consumeRelayStream($0, now: now, deliver: deliver) }
            }
            if !going { return }
        }
        if connection.isBroken {
            lostRelayConnection(relayTLS == nil ? "the TCP connection to the TURN server failed"
                                                : relayTLSFailure(.connectionFailed))
        }
    }

    /// Splits `chunk` of the server's stream into frames and handles each; false when
    /// the connection is gone (out of step, or lost while a frame was handled).
    func consumeRelayStream(_ chunk: UnsafeRawBufferPointer, now: ContinuousClock.Instant,
                            deliver: (UnsafeMutableRawBufferPointer, Int, SocketAddress) -> Void) -> Bool {
        var offset = 0
        while offset < chunk.count {
            // Taken out while it changes so that its buffer is not copied; put back before
            // a frame is handled (handling may write to the connection, or lose it).
            guard var framer = relayFramer else { return false }
            relayFramer = nil
            let taken = framer.append(UnsafeRawBufferPointer(rebasing: chunk[offset...]))
            offset += taken
            while true {
                var copy = frameBuffer
                frameBuffer = []
                let length: Int?
                do {
                    length = try framer.nextFrame { frame -> Int in
                        guard frame.count <= copy.count else { return 0 }   // too big for media: dropped
                        copy.withUnsafeMutableBytes { out in
                            if let base = frame.baseAddress, let to = out.baseAddress { to.copyMemory(from: base, byteCount: frame.count) }
                        }
                        return frame.count
                    }
                } catch {
                    frameBuffer = copy
                    relayFramer = framer
                    lostRelayConnection("the TURN server's \(relayTLS == nil ? "TCP" : "TLS") stream is out of step")
                    return false
                }
                frameBuffer = copy
                relayFramer = framer
                guard let length else { break }
                if length > 0 { handleRelayFrame(length: length, now: now, deliver: deliver) }
                guard let again = relayFramer else { return false }
                framer = again
                relayFramer = nil
            }
            if taken == 0 { break }
        }
        return relayFramer != nil
    }

    /// Handles the frame copied into `frameBuffer` as a datagram from the server.
    private func handleRelayFrame(length: Int, now: ContinuousClock.Instant,
                                  deliver: (UnsafeMutableRawBufferPointer, Int, SocketAddress) -> Void) {
        guard let server = turn?.server else { return }
        var copy = frameBuffer
        frameBuffer = []
        defer { frameBuffer = copy }
        copy.withUnsafeMutableBytes { raw in
            if let (length, from) = inbound(raw, count: length, from: SocketAddress(server), component: 1, now: now) {
                deliver(raw, length, from)
            }
        }
    }

    func lostRelayConnection(_ why: String) {
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
        relayTLS = nil
        relayBacklog.removeAll(keepingCapacity: true)
        if case .allocated? = turn?.state {
            monitor.report(.nat("TURN: \(why); the relay is gone"))
        } else if turn != nil {
            monitor.report(.nat(why))
        }
        gathering.turnFailure = gathering.turnFailure ?? why
        turn = nil
    }
}
