import Glibc

/// A non-blocking UDP socket for one media stream. It carries RTP, RTCP (muxed or not),
/// STUN and TURN alike; the receiver tells them apart by their first byte (RFC 7983).
/// Owned by one thread at a time; `close()` is called once, by the owner.
public final class MediaSocket: @unchecked Sendable {
    public let descriptor: Int32
    /// Where the socket is bound. `rebind(host:port:)` changes it, on the owner's thread
    /// (the media thread once the engine has the socket).
    public internal(set) var localAddress: SocketAddress

    /// Binds to `host` on a free even port in `ports` (RTP convention, RFC 3550 §11), or
    /// exactly `port` when given.
    public static func bind(host: String, ports: ClosedRange<UInt16>, attempts: Int = 32) throws(MediaSocketError) -> MediaSocket {
        guard SocketAddress(host: host, port: 0) != nil else { throw .badAddress(host) }
        let exhausted = MediaSocketError.noFreePort(host: host, ports: ports)
        let evenLow = ports.lowerBound &+ (ports.lowerBound & 1)
        guard evenLow <= ports.upperBound else { throw exhausted }
        let evenCount = Int(ports.upperBound - evenLow) / 2 + 1
        // Start at a random even port and walk on: a few neighbours may be taken.
        let start = Int.random(in: 0..<evenCount)
        for i in 0..<min(attempts, evenCount) {
            let port = UInt16(Int(evenLow) + ((start + i) % evenCount) * 2)
            do {
                return try bind(host: host, port: port)
            } catch {
                if case .addressInUse = error { continue }
                throw error
            }
        }
        throw exhausted
    }

    /// An RTP socket on an even port and an RTCP socket on the next one (for peers that
    /// do not multiplex RTCP, RFC 3550 §11).
    public static func bindPair(host: String, ports: ClosedRange<UInt16>, attempts: Int = 32) throws(MediaSocketError) -> (rtp: MediaSocket, rtcp: MediaSocket) {
        var lastError = MediaSocketError.noFreePort(host: host, ports: ports)
        for _ in 0..<attempts {
            let rtp = try bind(host: host, ports: ports.lowerBound...(ports.upperBound &- 1), attempts: attempts)
            do {
                return (rtp, try bind(host: host, port: rtp.localAddress.port + 1))
            } catch {
                rtp.close()
                if case .addressInUse = error { lastError = .noFreePort(host: host, ports: ports); continue }
                throw error
            }
        }
        throw lastError
    }

    /// Binds to exactly `host`:`port` (0 lets the kernel choose).
    public static func bind(host: String, port: UInt16) throws(MediaSocketError) -> MediaSocket {
        guard let address = SocketAddress(host: host, port: port) else { throw .badAddress(host) }
        let fd = socket(address.family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system("socket", errno) }
        let result = address.withSockaddr { Glibc.bind(fd, $0, $1) }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw code == EADDRINUSE ? .addressInUse(address) : .system("bind \(address)", code)
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0, let local = withUnsafeBytes(of: &storage, { SocketAddress(raw: $0.baseAddress!, length: length) }) else {
            let code = errno
            Glibc.close(fd)
            throw .system("getsockname", code)
        }
        // Voice is expedited forwarding (DSCP 46), as phones mark it.
        var tos: Int32 = 46 << 2
        if local.isIPv6 {
            _ = setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_TCLASS, &tos, socklen_t(MemoryLayout<Int32>.size))
        } else {
            _ = setsockopt(fd, Int32(IPPROTO_IP), IP_TOS, &tos, socklen_t(MemoryLayout<Int32>.size))
        }
        return MediaSocket(descriptor: fd, localAddress: local)
    }

    private init(descriptor: Int32, localAddress: SocketAddress, peer: SocketAddress? = nil) {
        self.descriptor = descriptor
        self.localAddress = localAddress
        self.peer = peer
    }

    /// The far end of a TCP connection (`connect`); nil for UDP sockets.
    public let peer: SocketAddress?

    /// A non-blocking TCP connection to `address` (a TURN server reached over TCP, for
    /// networks that drop UDP). The connect completes in the background; `write` before
    /// then reports nothing written.
    public static func connect(to address: SocketAddress) throws(MediaSocketError) -> MediaSocket {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system("socket", errno) }
        var one: Int32 = 1
        // Media frames are small and late ones are useless: no Nagle delay.
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let result = address.withSockaddr { Glibc.connect(fd, $0, $1) }
        guard result == 0 || errno == EINPROGRESS else {
            let code = errno
            Glibc.close(fd)
            throw .system("connect \(address)", code)
        }
        return MediaSocket(descriptor: fd, localAddress: address.with(port: 0), peer: address)
    }

    /// Reads what a TCP connection has: the count (0 when the peer closed), nil when
    /// nothing is waiting or the connection failed (`isBroken` tells).
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
        if count < 0 { isBroken = errno != EAGAIN && errno != EWOULDBLOCK }
        return count >= 0 ? count : nil
    }

    /// Writes as much as the kernel takes now; returns how much (0 while connecting or
    /// when the send buffer is full).
    public func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        let count = Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        if count < 0 {
            isBroken = errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN && errno != EINPROGRESS
            return 0
        }
        return count
    }

    /// A TCP connection that failed (reset, refused): nothing more will pass.
    public private(set) var isBroken = false

    /// One datagram into `buffer`; nil when none is waiting. Datagrams longer than the
    /// buffer are cut (media packets are far below the 1500-byte buffers used).
    public func receive(into buffer: UnsafeMutableRawBufferPointer) -> (count: Int, from: SocketAddress)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let count = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                recvfrom(descriptor, buffer.baseAddress, buffer.count, 0, $0, &length)
            }
        }
        guard count >= 0 else { return nil }
        guard let from = withUnsafeBytes(of: &storage, { SocketAddress(raw: $0.baseAddress!, length: length) }) else { return nil }
        return (count, from)
    }

    /// Sends one datagram; false when the kernel refused it (the media path counts, never waits).
    @discardableResult
    public func send(_ bytes: UnsafeRawBufferPointer, to address: SocketAddress) -> Bool {
        address.withSockaddr { sendto(descriptor, bytes.baseAddress, bytes.count, 0, $0, $1) } == bytes.count
    }

    public func close() {
        Glibc.close(descriptor)
    }
}

public enum MediaSocketError: Error, Equatable, Sendable, CustomStringConvertible {
    case badAddress(String)
    case addressInUse(SocketAddress)
    case noFreePort(host: String, ports: ClosedRange<UInt16>)
    case system(String, Int32)

    public var description: String {
        switch self {
        case .badAddress(let host): "not a numeric IP address: \(host)"
        case .addressInUse(let address): "\(address) is in use"
        case .noFreePort(let host, let ports): "no free even port on \(host) in \(ports.lowerBound)-\(ports.upperBound)"
        case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
        }
    }
}
