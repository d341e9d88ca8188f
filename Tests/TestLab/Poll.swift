import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Readiness by polling, with a deadline: the lab never sleeps a fixed long time.
public enum Poll {
    /// Calls `check` every `interval` until it returns true; throws `LabError.timeout` after
    /// `timeout`, or whatever `check` throws.
    public static func until(_ what: String, timeout: Duration, interval: Duration = .milliseconds(25),
                             _ check: () throws -> Bool) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if try check() { return }
            if clock.now >= deadline { throw LabError.timeout(what) }
            try await Task.sleep(for: interval)
        }
    }

    /// Whether something accepts a TCP connection on 127.0.0.1:`port` right now.
    public static func tcpConnects(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
