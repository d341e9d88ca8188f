import Glibc
import NAT

/// The addresses of this machine's network interfaces that are up: ICE's host
/// candidates (RFC 8445 §5.1.1.1).
public enum InterfaceAddresses {
    public struct Entry: Hashable, Sendable {
        /// The interface name ("eth0", "wlan0").
        public var interface: String
        public var address: TransportAddress

        public init(interface: String, address: TransportAddress) {
            self.interface = interface
            self.address = address
        }
    }

    /// Every IPv4 and IPv6 address of an interface that is up, in the kernel's order.
    /// Loopback and link-local addresses are left out unless asked for (a peer on
    /// another machine cannot use them).
    public static func list(includeLoopback: Bool = false, includeLinkLocal: Bool = false) -> [Entry] {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var entries: [Entry] = []
        var cursor = first
        while let current = cursor {
            defer { cursor = current.pointee.ifa_next }
            let flags = Int32(bitPattern: current.pointee.ifa_flags)
            guard flags & Int32(IFF_UP) != 0, let raw = current.pointee.ifa_addr,
                  let address = TransportAddress(sockaddr: raw, port: 0) else { continue }
            if address.isLoopback, !includeLoopback { continue }
            if address.isLinkLocal, !includeLinkLocal { continue }
            let name = String(cString: current.pointee.ifa_name)
            let entry = Entry(interface: name, address: address)
            if !entries.contains(entry) { entries.append(entry) }
        }
        return entries
    }
}

extension TransportAddress {
    /// From a `sockaddr` the system filled in (getifaddrs, getaddrinfo), with `port`;
    /// nil for families other than IPv4 and IPv6.
    public init?(sockaddr raw: UnsafeMutablePointer<sockaddr>, port: UInt16) {
        switch Int32(raw.pointee.sa_family) {
        case AF_INET:
            self = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                withUnsafeBytes(of: v4.pointee.sin_addr) { TransportAddress(family: .ipv4, raw: $0, port: port) }
            }
        case AF_INET6:
            self = raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                withUnsafeBytes(of: v6.pointee.sin6_addr) { TransportAddress(family: .ipv6, raw: $0, port: port) }
            }
        default:
            return nil
        }
    }
}

extension InterfaceAddresses {
    /// The address this machine sends from toward `destination` now (the kernel's route
    /// choice, learnt by connecting a UDP socket; nothing is sent). nil when there is no
    /// route.
    public static func source(toward destination: TransportAddress) -> TransportAddress? {
        let target = SocketAddress(destination.port == 0 ? destination.with(port: 9) : destination)
        let fd = socket(target.family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard target.withSockaddr({ connect(fd, $0, $1) }) == 0 else { return nil }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        return withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { TransportAddress(sockaddr: $0, port: 0) }
        }
    }
}
