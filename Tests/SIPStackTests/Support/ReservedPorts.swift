#if canImport(Glibc)
import Glibc
#endif

/// Loopback ports that answer with an error, reliably. A test that frees a port and then
/// expects "refused" or "unreachable" races with parallel tests binding port 0; these keep
/// the port bound for their lifetime instead.
final class ReservedPort {
    enum Kind {
        /// TCP, bound but never listening: connections are refused.
        case refusingTCP
        /// UDP, bound and connected to another address: datagrams from anyone else match
        /// no socket, so the kernel answers ICMP port unreachable.
        case unreachableUDP
    }

    let port: UInt16
    private let fd: Int32

    init(_ kind: Kind, ipv6: Bool = false) throws {
        let type = kind == .refusingTCP ? SOCK_STREAM : SOCK_DGRAM
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(type.rawValue), 0)
        guard fd >= 0 else { throw ReservedPortError.socket(errno) }
        guard let bound = Self.bindLoopback(fd, ipv6: ipv6),
              kind == .refusingTCP || Self.connectElsewhere(fd, ipv6: ipv6) else {
            close(fd)
            throw ReservedPortError.bind(errno)
        }
        self.fd = fd
        port = bound
    }

    deinit { close(fd) }

    private static func bindLoopback(_ fd: Int32, ipv6: Bool) -> UInt16? {
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            return withSockaddr(&address) { bind(fd, $0, $1) == 0 && getsockname(fd, $0, &$1) == 0 }
                ? UInt16(bigEndian: address.sin6_port) : nil
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return withSockaddr(&address) { bind(fd, $0, $1) == 0 && getsockname(fd, $0, &$1) == 0 }
            ? UInt16(bigEndian: address.sin_port) : nil
    }

    /// Connects to port 9 (discard) of the same loopback address; nothing is ever sent.
    private static func connectElsewhere(_ fd: Int32, ipv6: Bool) -> Bool {
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            address.sin6_port = UInt16(9).bigEndian
            return withSockaddr(&address) { connect(fd, $0, $1) == 0 }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = UInt16(9).bigEndian
        return withSockaddr(&address) { connect(fd, $0, $1) == 0 }
    }

    private static func withSockaddr<A>(_ address: inout A, _ body: (UnsafeMutablePointer<sockaddr>, inout socklen_t) -> Bool) -> Bool {
        var length = socklen_t(MemoryLayout<A>.size)
        return withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, &length) }
        }
    }
}

enum ReservedPortError: Error {
    case socket(Int32)
    case bind(Int32)
}
