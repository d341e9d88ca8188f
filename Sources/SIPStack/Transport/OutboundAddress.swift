import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The local address the kernel would send from to reach a destination: a UDP socket is
/// connected (which sends nothing) and asked its name. Used for the Via sent-by of a
/// wildcard listener that has no advertised address.
enum OutboundAddress {
    static func toward(_ target: SIPTarget) -> String? {
        guard let remote = try? SocketAddress(ipAddress: target.address, port: Int(target.port)) else { return nil }
        let fd = socket(target.isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let connected: CInt
        switch remote {
        case .v4(let a):
            var raw = a.address
            connected = withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .v6(let a):
            var raw = a.address
            connected = withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        default:
            return nil
        }
        guard connected == 0 else { return nil }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        let family = Int32(storage.ss_family)
        let local: SocketAddress? = withUnsafeBytes(of: &storage) { bytes in
            switch family {
            case AF_INET:
                let sin = bytes.load(as: sockaddr_in.self)
                return SocketAddress(sin, host: "")
            case AF_INET6:
                let sin6 = bytes.load(as: sockaddr_in6.self)
                return SocketAddress(sin6, host: "")
            default:
                return nil
            }
        }
        return local?.ipAddress
    }
}
