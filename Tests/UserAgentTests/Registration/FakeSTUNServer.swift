import Foundation
import Glibc
import NAT
import Synchronization

/// A STUN server on loopback that answers every Binding request with a made-up public
/// address (`mappedHost`, the request's source port): a NAT that is not there, so that a
/// test on loopback can see the address move.
final class FakeSTUNServer: Sendable {
    let port: UInt16
    private let fd: Int32
    private let state = Mutex((answered: 0, stopped: false, running: false, mappedHost: ""))

    init(mappedHost: String) throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard fd >= 0, bound == 0, named == 0 else {
            if fd >= 0 { _ = Glibc.close(fd) }
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
        state.withLock {
            $0.running = true
            $0.mappedHost = mappedHost
        }
        Thread.detachNewThread { [self] in serve() }
    }

    /// The public address the answers name from now on (the NAT moved us).
    func move(to host: String) { state.withLock { $0.mappedHost = host } }

    /// How many Binding requests were answered.
    var answered: Int { state.withLock { $0.answered } }

    private func serve() {
        var buffer = [UInt8](repeating: 0, count: 1500)
        while !state.withLock({ $0.stopped }) {
            var from = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let count = buffer.withUnsafeMutableBytes { raw in
                withUnsafeMutablePointer(to: &from) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, raw.baseAddress, raw.count, 0, $0, &length) }
                }
            }
            guard count > 0, let request = try? STUNMessage(parsing: Array(buffer[0..<count])),
                  request.method == .binding, request.messageClass == .request,
                  let mapped = TransportAddress(host: state.withLock { $0.mappedHost }, port: UInt16(bigEndian: from.sin_port)) else { continue }
            let answer = STUNMessage(method: .binding, class: .successResponse, transactionID: request.transactionID,
                                     attributes: [.xorMappedAddress(mapped)]).encoded(fingerprint: true)
            _ = answer.withUnsafeBytes { raw in
                withUnsafePointer(to: &from) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            state.withLock { $0.answered += 1 }
        }
        state.withLock { $0.running = false }
        _ = Glibc.close(fd)
    }

    /// Stops serving; the socket closes once the thread sees it (within 50 ms).
    func stop() {
        state.withLock { $0.stopped = true }
    }
}
