import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Free loopback ports, asked of the kernel by binding port 0.
///
/// A port is free when it is handed out; the peer binds it a moment later (peers that lose
/// that race are restarted, see `Lab.retryingPortClash`). Ports handed out once are never
/// handed out again by this process, so parallel tests do not collide with each other.
public enum FreePort {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var handedOut: Set<UInt16> = []

    /// A port free for both UDP and TCP on 127.0.0.1 (SIP listens on both), also on ::1
    /// when `ipv6` is set, and when `tcpFollowers` > 0 also free for TCP on the next ports
    /// (baresip binds SIP/TLS on port + 1).
    public static func udpAndTCP(tcpFollowers: Int = 0, ipv6: Bool = false) throws -> Int {
        let hosts = ipv6 ? ["127.0.0.1", "::1"] : ["127.0.0.1"]
        for _ in 0..<200 {
            guard let port = kernelPort(type: .udp) else { continue }
            let tail = (0...tcpFollowers).map { Int(port) + $0 }
            guard tail.allSatisfy({ $0 < 65536 }),
                  hosts.allSatisfy({ host in
                      isFree(Int(port), host: host, type: .udp) && tail.allSatisfy { isFree($0, host: host, type: .tcp) }
                  }),
                  claim(tail) else { continue }
            return Int(port)
        }
        throw LabError.noFreePort
    }

    /// A port free for UDP on 127.0.0.1.
    public static func udp() throws -> Int { try single(type: .udp) }

    /// The first of `count` consecutive ports all free for UDP on `host` (127.0.0.1 or ::1):
    /// SIPp's media sockets (audio and video RTP and RTCP) start at its `-mp` port.
    public static func udpBlock(_ count: Int, host: String = "127.0.0.1") throws -> Int {
        for _ in 0..<200 {
            guard let port = kernelPort(type: .udp) else { continue }
            let ports = (0..<max(1, count)).map { Int(port) + $0 }
            guard ports.allSatisfy({ $0 < 65536 && isFree($0, host: host, type: .udp) }), claim(ports) else { continue }
            return Int(port)
        }
        throw LabError.noFreePort
    }

    /// A port free for TCP on 127.0.0.1.
    public static func tcp() throws -> Int { try single(type: .tcp) }

    /// Whether `host`:`port` (127.0.0.1 or ::1) can be bound for UDP right now; readiness
    /// probes use it to see that a peer has bound its port.
    static func isUDPFree(_ port: Int, host: String = "127.0.0.1") -> Bool {
        isFree(port, host: host, type: .udp)
    }

    enum Kind {
        case udp, tcp
        var socketType: Int32 { self == .udp ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue) }
    }

    private static func single(type: Kind) throws -> Int {
        for _ in 0..<200 {
            if let port = kernelPort(type: type), claim([Int(port)]) { return Int(port) }
        }
        throw LabError.noFreePort
    }

    private static func claim(_ ports: [Int]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let wanted = ports.map { UInt16($0) }
        guard handedOut.isDisjoint(with: wanted) else { return false }
        handedOut.formUnion(wanted)
        return true
    }

    /// Binds 127.0.0.1:0 and reads back the port the kernel chose.
    private static func kernelPort(type: Kind) -> UInt16? {
        withBoundSocket(port: 0, host: "127.0.0.1", type: type) { fd in
            var addr = sockaddr_in()
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            let rc = withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
            }
            return rc == 0 ? UInt16(bigEndian: addr.sin_port) : nil
        } ?? nil
    }

    private static func isFree(_ port: Int, host: String, type: Kind) -> Bool {
        withBoundSocket(port: UInt16(port), host: host, type: type) { _ in true } ?? false
    }

    /// Runs `body` with a socket bound to `host`:`port`, or returns nil if binding fails.
    private static func withBoundSocket<T>(port: UInt16, host: String, type: Kind, _ body: (Int32) -> T) -> T? {
        let ipv6 = host.contains(":")
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, type.socketType, 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let rc: Int32
        if ipv6 {
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            addr.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, host, &addr.sin6_addr) == 1 else { return nil }
            rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = port.bigEndian
            guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else { return nil }
            rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        return rc == 0 ? body(fd) : nil
    }
}
