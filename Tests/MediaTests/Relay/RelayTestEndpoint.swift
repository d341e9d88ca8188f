import Foundation
import TestLab
#if canImport(Glibc)
import Glibc
#endif

/// A plain non-blocking UDP socket on 127.0.0.1 standing in for a media endpoint. Each
/// datagram carries its index and send time, so the receiver can tell loss, order,
/// duplicates and delay.
final class RelayTestEndpoint {
    let fd: Int32
    let port: UInt16
    /// (index, one-way delay in ms) of every datagram received, in arrival order.
    private(set) var arrivals: [(index: UInt64, delayMs: Double)] = []

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        self.fd = fd
        var addr = Self.loopback(0)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 && getsockname(fd, $0, &len) == 0
            }
        }
        var size: Int32 = 1 << 20
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        guard fd >= 0, ok, fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 else {
            throw POSIXError(.EADDRINUSE)
        }
        port = UInt16(bigEndian: addr.sin_port)
    }

    deinit { close(fd) }

    static func loopback(_ port: UInt16) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return addr
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Sends datagram number `index` (28 bytes) to 127.0.0.1:`port`.
    func send(_ index: UInt64, to port: UInt16) {
        var bytes = withUnsafeBytes(of: index.bigEndian) { Array($0) }
        bytes += withUnsafeBytes(of: Self.now().bigEndian) { Array($0) }
        bytes += [UInt8](repeating: 0xAA, count: 12)
        var to = Self.loopback(port)
        _ = withUnsafePointer(to: &to) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    /// Reads whatever has arrived.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 2048)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n >= 16 else { return }
            let index = buffer[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let sent = buffer[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            arrivals.append((index, Double(Self.now() &- sent) / 1e6))
        }
    }
}

/// Drains all `endpoints` until none has received anything for `quietMs`.
func drainRelayEndpoints(_ endpoints: [RelayTestEndpoint], quietMs: Double = 80) {
    var last = endpoints.map(\.arrivals.count)
    var quietSince = RelayTestEndpoint.now()
    while Double(RelayTestEndpoint.now() - quietSince) / 1e6 < quietMs {
        usleep(1000)
        for e in endpoints { e.drain() }
        let counts = endpoints.map(\.arrivals.count)
        if counts != last { last = counts; quietSince = RelayTestEndpoint.now() }
    }
}

/// Sends `count` datagrams from A (and from B unless `bSends` is false) through `relay`,
/// `perMs` per millisecond, draining both ends as it goes; then waits for stragglers.
func relayExchange(_ count: Int, through relay: ImpairmentRelay, a: RelayTestEndpoint, b: RelayTestEndpoint,
              bSends: Bool = true, perMs: Int = 10) {
    var i = 0
    while i < count {
        for _ in 0..<perMs where i < count {
            a.send(UInt64(i), to: relay.portA)
            if bSends { b.send(UInt64(i), to: relay.portB) }
            i += 1
        }
        usleep(1000)
        a.drain()
        b.drain()
    }
    drainRelayEndpoints([a, b])
}
