import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Free loopback ports, asked of the kernel by binding port 0.
///
/// A port is free when it is handed out; the peer binds it a moment later. Ports handed out
/// once are never handed out again by this process, so parallel tests do not collide.
public enum FreePort {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var handedOut: Set<UInt16> = []

    /// A port free for both UDP and TCP on 127.0.0.1 (SIP listens on both), and when
    /// `tcpFollowers` > 0 also free for TCP on the next ports (baresip binds SIP/TLS on port+1).
    public static func udpAndTCP(tcpFollowers: Int = 0) throws -> Int {
        for _ in 0..<200 {
            guard let port = kernelPort(type: .udp) else { continue }
            let tail = (0...tcpFollowers).map { Int(port) + $0 }
            guard tail.allSatisfy({ $0 < 65536 }), isFree(Int(port), type: .udp),
                  tail.allSatisfy({ isFree($0, type: .tcp) }), claim(tail) else { continue }
            return Int(port)
        }
        throw LabError.noFreePort
    }

    /// A port free for UDP on 127.0.0.1.
    public static func udp() throws -> Int { try single(type: .udp) }

    /// A port free for TCP on 127.0.0.1.
    public static func tcp() throws -> Int { try single(type: .tcp) }

    private static func single(type: Kind) throws -> Int {
        for _ in 0..<200 {
            if let port = kernelPort(type: type), claim([Int(port)]) { return Int(port) }
        }
        throw LabError.noFreePort
    }

    /// Whether 127.0.0.1:`port` can be bound for UDP right now (readiness probes use it to
    /// see that a peer has bound its port).
    static func isUDPFree(_ port: Int) -> Bool { isFree(port, type: .udp) }

    enum Kind {
        case udp, tcp
        var socketType: Int32 { self == .udp ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue) }
    }

    private static func claim(_ ports: [Int]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let wanted = ports.map { UInt16($0) }
        guard handedOut.isDisjoint(with: wanted) else { return false }
        handedOut.formUnion(wanted)
        return true
    }

    /// Binds port 0 and reads back the port the kernel chose.
    private static func kernelPort(type: Kind) -> UInt16? {
        withBoundSocket(port: 0, type: type) { fd in
            var addr = sockaddr_in()
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            let rc = withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
            }
            return rc == 0 ? UInt16(bigEndian: addr.sin_port) : nil
        } ?? nil
    }

    private static func isFree(_ port: Int, type: Kind) -> Bool {
        withBoundSocket(port: UInt16(port), type: type) { _ in true } ?? false
    }

    /// Runs `body` with a socket bound to 127.0.0.1:`port`, or returns nil if binding fails.
    private static func withBoundSocket<T>(port: UInt16, type: Kind, _ body: (Int32) -> T) -> T? {
        let fd = socket(AF_INET, type.socketType, 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return rc == 0 ? body(fd) : nil
    }
}
