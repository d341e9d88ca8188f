#if canImport(Glibc)
import Glibc
#endif

/// A TCP port on loopback where connections are refused, reliably: the socket is bound
/// (so no parallel test can take the port) but never listens. Closing a listener and
/// reusing its number races with other tests that bind port 0.
final class RefusingPort {
    let port: UInt16
    private let fd: Int32

    init(ipv6: Bool = false) throws {
        fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RefusingPortError.socket(errno) }
        var boundPort: UInt16 = 0
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            let ok = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            guard ok else { close(fd); throw RefusingPortError.bind(errno) }
            boundPort = UInt16(bigEndian: address.sin6_port)
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ok = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            guard ok else { close(fd); throw RefusingPortError.bind(errno) }
            boundPort = UInt16(bigEndian: address.sin_port)
        }
        port = boundPort
    }

    deinit { close(fd) }
}

enum RefusingPortError: Error {
    case socket(Int32)
    case bind(Int32)
}
