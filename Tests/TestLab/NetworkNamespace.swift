import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A named network namespace (`/run/netns/NAME`, made by `ip netns add`).
///
/// Processes run in it through `lab.spawn(…, namespace:)` (`ip netns exec NAME …`, which
/// execs, so the PID the lab holds is the program's). The test process itself reaches into
/// it with `socket(_:)`: a socket made while the calling thread is switched into the
/// namespace belongs to it for life, so a test can probe a home's view of the network, or
/// connect to a baresip control port on the namespace's 127.0.0.1.
public struct NetworkNamespace: Sendable, Hashable, CustomStringConvertible {
    /// The name `ip netns` knows it by.
    public let name: String

    public init(name: String) {
        self.name = name
    }

    public var description: String { name }

    /// The namespace's file, what `setns` opens.
    var path: String { "/run/netns/\(name)" }

    /// A new socket (`SOCK_DGRAM` or `SOCK_STREAM`, IPv4) that lives in this namespace.
    /// The caller owns the descriptor and closes it.
    public func socket(_ type: __socket_type) throws -> Int32 {
        let fd = try entered { Glibc.socket(AF_INET, Int32(type.rawValue), 0) }
        guard fd >= 0 else { throw LabError.unexpected("socket() in \(name) failed (errno \(errno))") }
        return fd
    }

    /// The command line that runs `executable` with `arguments` in this namespace
    /// (`ip netns exec NAME EXECUTABLE ARGUMENTS…`, which execs: the PID is the program's),
    /// for tests that start a process themselves (Foundation `Process`, e.g. `pipit --headless`).
    public func command(_ executable: String, _ arguments: [String]) throws -> (executable: URL, arguments: [String]) {
        (URL(fileURLWithPath: try Tool.ip.path()), ["netns", "exec", name, executable] + arguments)
    }

    /// A port no socket of `type` (UDP or TCP) in this namespace uses on `host` right now,
    /// found by binding port 0 there.
    public func freePort(_ type: __socket_type = SOCK_DGRAM, host: String = "0.0.0.0") throws -> Int {
        let fd = try socket(type)
        defer { close(fd) }
        guard NetworkSocket.bind(fd, host: host, port: 0) == 0 else {
            throw LabError.unexpected("\(name): cannot bind \(host):0 (errno \(errno))")
        }
        return NetworkSocket.localPort(fd) ?? 0
    }

    /// Whether something in this namespace accepts a TCP connection on `host:port` now
    /// (within a second: a dropped SYN must not hang the caller).
    public func tcpConnects(host: String, port: Int) -> Bool {
        tcpConnects(host: host, port: port, timeout: .seconds(1))
    }

    /// Runs `body` on the calling thread while that thread is in this namespace, then
    /// switches it back. `body` must not suspend (it is synchronous, so it cannot).
    func entered<T>(_ body: () throws -> T) throws -> T {
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw LabError.unexpected("cannot open /proc/thread-self/ns/net (errno \(errno))") }
        defer { close(original) }
        let target = open(path, O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { throw LabError.unexpected("no network namespace \(name) (errno \(errno))") }
        defer { close(target) }
        guard Self.setns(target, Self.newNet) == 0 else {
            throw LabError.unexpected("setns into \(name) failed (errno \(errno))")
        }
        defer {
            // A thread left in a test namespace would break every later test on it: stop here.
            precondition(Self.setns(original, Self.newNet) == 0, "cannot switch the thread back from \(name)")
        }
        return try body()
    }

    private static let newNet: Int32 = 0x4000_0000  // CLONE_NEWNET

    private typealias SetNS = @convention(c) (Int32, Int32) -> Int32

    /// glibc's `setns`, which the Glibc module does not export (it is behind _GNU_SOURCE).
    private static let setns: SetNS = {
        guard let symbol = dlsym(nil, "setns") else { return { _, _ in -1 } }
        return unsafeBitCast(symbol, to: SetNS.self)
    }()
}

/// IPv4 socket calls with dotted-quad addresses, for the lab's probes.
enum NetworkSocket {
    static func address(_ host: String, _ port: Int) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(clamping: port).bigEndian
        addr.sin_addr.s_addr = inet_addr(host)
        return addr
    }

    static func bind(_ fd: Int32, host: String, port: Int) -> Int32 {
        var addr = address(host, port)
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    static func connect(_ fd: Int32, host: String, port: Int) -> Int32 {
        var addr = address(host, port)
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    static func localPort(_ fd: Int32) -> Int? {
        var addr = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let rc = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return rc == 0 ? Int(UInt16(bigEndian: addr.sin_port)) : nil
    }
}
