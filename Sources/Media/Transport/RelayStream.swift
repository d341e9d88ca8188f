import Glibc
import NAT

/// One TCP connection to a TURN server (RFC 8656 §3.1), with TLS on it when asked: the
/// allocation's requests and, framed, the relayed media of one component travel on it,
/// for networks that drop UDP. Framing, TLS and what waits for the kernel live here; the
/// session hands frames in and gets the server's frames back. Media thread only.
final class RelayStream {
    /// What may wait for the kernel before frames are dropped (a stalled connection must
    /// not grow memory).
    static let backlogLimit = 64 * 1024
    /// Room kept for a TLS record's header, padding and tag around a frame.
    static let tlsRecordOverhead = 64

    let server: TransportAddress
    /// In the engine's poll set until the call ends; quiet once the stream is lost.
    let connection: MediaSocket
    let tlsSettings: TURNTLSSettings?
    /// Why the stream is gone (said once, through `onLost`); nil while it works.
    private(set) var failure: String?
    /// Told once when the stream is lost (the session drops the allocation).
    var onLost: (String) -> Void = { _ in }
    var tls: TLSClientStream?
    private var framer: TURNStreamFramer?
    private var backlog: [UInt8] = []
    private var readBuffer = [UInt8](repeating: 0, count: 4096)
    /// A frame is copied here for the session, which unwraps relayed media in place.
    private var frameBuffer = [UInt8](repeating: 0, count: 2048)

    /// Connects (in the background) and, with `tls`, starts the handshake; a TLS setup
    /// failure leaves the stream lost (`failure`).
    init(server: TransportAddress, tls: TURNTLSSettings?) throws(MediaSocketError) {
        self.server = server
        tlsSettings = tls
        connection = try MediaSocket.connect(to: SocketAddress(server))
        framer = TURNStreamFramer()
        backlog.reserveCapacity(Self.backlogLimit)
        if let tls { startTLS(tls) }
    }

    var isLost: Bool { failure != nil }

    /// Bytes waiting for the kernel.
    var backlogCount: Int { backlog.count }

    /// "TCP" or "TLS", for the user.
    var kind: String { tlsSettings == nil ? "TCP" : "TLS" }

    /// Sends one frame (a STUN message or ChannelData); false when it was dropped
    /// (backlog full, stream lost), as a lost datagram would be.
    @discardableResult
    func write(_ frame: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil, !connection.isBroken else { return false }
        if tlsSettings != nil { return writeThroughTLS(frame) }
        guard backlog.isEmpty || backlog.count + frame.count <= Self.backlogLimit else { return false }
        writeInOrder(frame)
        return true
    }

    /// Writes `bytes` behind what is waiting; what the kernel does not take waits whole
    /// (a frame or TLS record cut in two would desynchronise the server).
    func writeInOrder(_ bytes: UnsafeRawBufferPointer) {
        if backlog.isEmpty {
            let written = connection.write(bytes)
            if written < bytes.count { backlog.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[written...])) }
            return
        }
        backlog.append(contentsOf: bytes)
        flush()
    }

    /// Writes what waits, as far as the kernel takes it (each tick).
    func flush() {
        guard !backlog.isEmpty else { return }
        let written = backlog.withUnsafeBytes { connection.write($0) }
        if written > 0 { backlog.removeFirst(written) }
    }

    /// Reads what the connection has and hands each of the server's frames to `handle`,
    /// copied into a buffer it may change (`handle(buffer, count)`).
    func read(_ handle: (UnsafeMutableRawBufferPointer, Int) -> Void) {
        guard failure == nil else { return }
        var read = readBuffer
        readBuffer = []
        defer { readBuffer = read }
        // Bounded: a busy connection cannot keep the media thread here.
        for _ in 0..<16 where failure == nil {
            guard let count = read.withUnsafeMutableBytes({ connection.read(into: $0) }) else { break }
            if count == 0 {
                lose(tlsSettings == nil ? "the TURN server closed the TCP connection" : tlsFailure(.closed))
                return
            }
            read.withUnsafeBytes { raw in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                if tlsSettings == nil { consume(chunk, handle) } else { receiveThroughTLS(chunk) { consume($0, handle) } }
            }
        }
        if failure == nil, connection.isBroken {
            lose(tlsSettings == nil ? "the TCP connection to the TURN server failed" : tlsFailure(.connectionFailed))
        }
    }

    /// Splits `chunk` of the server's stream into frames and hands each on.
    private func consume(_ chunk: UnsafeRawBufferPointer, _ handle: (UnsafeMutableRawBufferPointer, Int) -> Void) {
        // Held here while it works (its buffer is not copied); writes do not need it.
        guard var framer = framer.take() else { return }
        defer { if failure == nil { self.framer = framer } }
        var offset = 0
        while offset < chunk.count, failure == nil {
            let taken = framer.append(UnsafeRawBufferPointer(rebasing: chunk[offset...]))
            offset += taken
            do {
                while failure == nil, try framer.nextFrame({ frame in hand(frame, to: handle) }) != nil {}
            } catch {
                lose("the TURN server's \(kind) stream is out of step")
                return
            }
            if taken == 0 { break }
        }
    }

    private func hand(_ frame: UnsafeRawBufferPointer, to handle: (UnsafeMutableRawBufferPointer, Int) -> Void) {
        guard frame.count <= frameBuffer.count else { return }   // too big for media: dropped
        var copy = frameBuffer
        frameBuffer = []
        defer { frameBuffer = copy }
        copy.withUnsafeMutableBytes { raw in
            if let from = frame.baseAddress, let to = raw.baseAddress { to.copyMemory(from: from, byteCount: frame.count) }
            handle(raw, frame.count)
        }
    }

    /// The stream is gone: said once, and the descriptor made quiet. It stays in the
    /// engine's poll set until the call ends, so it points at a socket that never becomes
    /// readable instead of being closed (a closed one would poll as ready forever, or be
    /// reused by another call's socket).
    func lose(_ why: String) {
        guard failure == nil else { return }
        failure = why
        quiet()
        onLost(why)
    }

    /// Ends the stream politely (close_notify over TLS after what was written) and makes
    /// the descriptor quiet; for an allocation released before the call ends.
    func retire() {
        guard failure == nil else { return }
        closeTLS()
        flush()
        failure = "released"
        quiet()
    }

    /// At the end of the call: close_notify over TLS, then the socket closes.
    func close() {
        if failure == nil { closeTLS() }
        framer = nil
        connection.close()
    }

    private func quiet() {
        let silent = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        if silent >= 0 {
            _ = dup2(silent, connection.descriptor)
            _ = Glibc.close(silent)
        }
        framer = nil
        tls = nil
        backlog.removeAll(keepingCapacity: true)
    }
}
