import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A UDP socket in a network namespace, owned by the test: sends datagrams, receives with
/// a deadline, and asks a STUN server what address it is seen from (a plain RFC 8489
/// Binding request, no credentials: the lab's own check, independent of pipit's STUN).
public final class NetworkProbe: @unchecked Sendable {
    /// Where a datagram came from, or what a STUN server saw.
    public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
        public let host: String
        public let port: Int
        public var description: String { "\(host):\(port)" }

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    public let namespace: NetworkNamespace
    /// The local port the socket is bound to.
    public let localPort: Int
    private let fd: Int32
    private var transactions: UInt32 = 0

    /// Binds a UDP socket in `namespace` to `host:port` (port 0: any free port).
    public init(in namespace: NetworkNamespace, host: String = "0.0.0.0", port: Int = 0) throws {
        self.namespace = namespace
        fd = try namespace.socket(SOCK_DGRAM)
        guard NetworkSocket.bind(fd, host: host, port: port) == 0, let bound = NetworkSocket.localPort(fd) else {
            close(fd)
            throw LabError.unexpected("\(namespace): cannot bind UDP \(host):\(port) (errno \(errno))")
        }
        localPort = bound
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(fd) }

    /// Sends one datagram to `host:port`.
    public func send(_ bytes: [UInt8], to host: String, port: Int) throws {
        var addr = NetworkSocket.address(host, port)
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard sent == bytes.count else { throw LabError.unexpected("\(namespace): sendto \(host):\(port) failed (errno \(errno))") }
    }

    /// The next datagram (from `host` only, when given: late answers to a STUN request's
    /// retransmissions are skipped that way), or nil if none came within `timeout`.
    public func receive(timeout: Duration, from host: String? = nil) async throws -> (bytes: [UInt8], from: Endpoint)? {
        var received: (bytes: [UInt8], from: Endpoint)?
        do {
            try await Poll.until("a datagram in \(namespace)", timeout: timeout, interval: .milliseconds(5)) {
                while let datagram = receiveNow() {
                    if host == nil || datagram.from.host == host {
                        received = datagram
                        return true
                    }
                }
                return false
            }
        } catch LabError.timeout {
            return nil
        }
        return received
    }

    /// What `host:port` (a STUN server) sees as this socket's address: the XOR-MAPPED-ADDRESS
    /// of its Binding response, the request resent every 100 ms; nil after `timeout`.
    public func mappedAddress(stunServer host: String, port: Int, timeout: Duration = .seconds(2)) async throws -> Endpoint? {
        transactions &+= 1
        var request: [UInt8] = [0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42]
        // A transaction ID unique per probe and request, reproducible run to run.
        request += [0x70, 0x6E, 0x6C, 0x61, 0x62, 0x00] + Self.bytes(UInt32(localPort)).suffix(2) + Self.bytes(transactions)
        let id = Array(request[8..<20])
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            try send(request, to: host, port: port)
            let resendAt = clock.now + .milliseconds(100)
            while clock.now < resendAt {
                if let datagram = receiveNow(), let mapped = Self.parseBindingResponse(datagram.bytes, id: id) {
                    return mapped
                }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        return nil
    }

    private func receiveNow() -> (bytes: [UInt8], from: Endpoint)? {
        var buffer = [UInt8](repeating: 0, count: 2048)
        var addr = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let n = buffer.withUnsafeMutableBytes { raw in
            withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, raw.baseAddress, raw.count, 0, $0, &length) }
            }
        }
        guard n >= 0 else { return nil }
        let host = String(cString: inet_ntoa(addr.sin_addr))
        return (Array(buffer[0..<n]), Endpoint(host: host, port: Int(UInt16(bigEndian: addr.sin_port))))
    }

    /// The XOR-MAPPED-ADDRESS (IPv4) of a Binding success response for transaction `id`.
    static func parseBindingResponse(_ b: [UInt8], id: [UInt8]) -> Endpoint? {
        guard b.count >= 20, b[0] == 0x01, b[1] == 0x01, Array(b[8..<20]) == id else { return nil }
        var offset = 20
        while offset + 4 <= b.count {
            let type = Int(b[offset]) << 8 | Int(b[offset + 1])
            let length = Int(b[offset + 2]) << 8 | Int(b[offset + 3])
            let value = offset + 4
            guard value + length <= b.count else { return nil }
            if type == 0x0020, length >= 8, b[value + 1] == 0x01 {
                let port = (Int(b[value + 2]) << 8 | Int(b[value + 3])) ^ 0x2112
                let cookie: [UInt8] = [0x21, 0x12, 0xA4, 0x42]
                let host = (0..<4).map { String(b[value + 4 + $0] ^ cookie[$0]) }.joined(separator: ".")
                return Endpoint(host: host, port: port)
            }
            offset = value + (length + 3) / 4 * 4
        }
        return nil
    }

    private static func bytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

extension NetworkNamespace {
    /// Whether a TCP connection from this namespace to `host:port` is accepted within
    /// `timeout` (a dropped SYN is a timeout, not a refusal).
    public func tcpConnects(host: String, port: Int, timeout: Duration) -> Bool {
        guard let fd = try? socket(SOCK_STREAM) else { return false }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        if NetworkSocket.connect(fd, host: host, port: port) == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var pending = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&pending, 1, milliseconds) == 1 else { return false }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error == 0
    }

    /// A TCP socket in this namespace listening on `host:port`; the caller closes it.
    public func listenTCP(host: String = "0.0.0.0", port: Int) throws -> Int32 {
        let fd = try socket(SOCK_STREAM)
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        guard NetworkSocket.bind(fd, host: host, port: port) == 0, listen(fd, 4) == 0 else {
            close(fd)
            throw LabError.unexpected("\(self): cannot listen on TCP \(host):\(port) (errno \(errno))")
        }
        return fd
    }
}
