import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking UDP socket on 127.0.0.1 for the impairment relay.
struct RelaySocket {
    let fd: Int32
    let port: UInt16

    /// Binds 127.0.0.1:`port` (0: the kernel picks).
    init(port: UInt16) throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw LabError.noFreePort }
        var addr = RelaySocket.loopback(port: port)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        guard bound == 0, named == 0, fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 else {
            _ = Glibc.close(fd)
            throw LabError.noFreePort
        }
        // Room for bursts while the relay thread is busy sending.
        var size: Int32 = 1 << 20
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        self.fd = fd
        self.port = UInt16(bigEndian: addr.sin_port)
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return addr
    }

    /// One datagram into `buffer`: its length and source port, or nil when none is waiting.
    func receive(into buffer: inout [UInt8]) -> (length: Int, sourcePort: UInt16)? {
        var from = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let n = buffer.withUnsafeMutableBytes { bytes in
            withUnsafeMutablePointer(to: &from) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, bytes.baseAddress, bytes.count, 0, $0, &len) }
            }
        }
        guard n >= 0 else { return nil }
        return (n, UInt16(bigEndian: from.sin_port))
    }

    /// Sends to 127.0.0.1:`port`; false if the kernel refused (full buffer, no listener).
    @discardableResult
    func send(_ bytes: [UInt8], toPort port: UInt16) -> Bool {
        var to = RelaySocket.loopback(port: port)
        let n = bytes.withUnsafeBytes { raw in
            withUnsafePointer(to: &to) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        return n == bytes.count
    }

    func close() { _ = Glibc.close(fd) }
}
