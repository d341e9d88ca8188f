import Glibc
import NAT

/// Test-only non-blocking sockets on 127.0.0.1, waited on with poll. The owner in pipit is
/// the media engine; these stand in for it against the real coturn.
final class UDPTestSocket {
    let fd: Int32
    let localAddress: TransportAddress

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError.failed("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, fcntl(fd, F_SETFL, O_NONBLOCK) == 0 else { close(fd); throw SocketError.failed("bind") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        localAddress = TransportAddress(host: "127.0.0.1", port: UInt16(bigEndian: address.sin_port))!
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8], to target: TransportAddress) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = target.port.bigEndian
        target.withAddressBytes { raw in withUnsafeMutableBytes(of: &address.sin_addr) { $0.copyMemory(from: raw) } }
        _ = bytes.withUnsafeBytes { raw in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// One datagram, waiting at most `milliseconds`.
    func receive(milliseconds: Int32) -> (bytes: [UInt8], from: TransportAddress)? {
        guard SocketPoll.readable(fd, milliseconds: milliseconds) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let n = buffer.withUnsafeMutableBytes { raw in
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, raw.baseAddress, raw.count, 0, $0, &length) }
            }
        }
        guard n >= 0 else { return nil }
        let from = withUnsafeBytes(of: address.sin_addr) { TransportAddress(addressBytes: $0, port: UInt16(bigEndian: address.sin_port)) }
        return from.map { (Array(buffer.prefix(n)), $0) }
    }
}

/// A blocking-connect, non-blocking-read TCP connection to 127.0.0.1:`port`.
final class TCPTestSocket {
    let fd: Int32

    init(port: UInt16) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError.failed("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0, fcntl(fd, F_SETFL, O_NONBLOCK) == 0 else { close(fd); throw SocketError.failed("connect") }
        self.fd = fd
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Whatever bytes arrive within `milliseconds`; empty on timeout or close.
    func receive(milliseconds: Int32) -> [UInt8] {
        guard SocketPoll.readable(fd, milliseconds: milliseconds) else { return [] }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 ? Array(buffer.prefix(n)) : []
    }
}

enum SocketError: Error { case failed(String) }

enum SocketPoll {
    static func readable(_ fd: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) == 1
    }
}
