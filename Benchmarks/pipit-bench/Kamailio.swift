import TestLab
#if canImport(Glibc)
import Glibc
#endif

/// `pipit-bench kamailio USER:PASSWORD...`: the lab's Kamailio (registrar with digest
/// auth, UDP on a free loopback port) for the registration benchmark. Prints
/// "ready HOST:PORT", runs until standard input closes, then stops it.
func runKamailio(_ specs: [String]) async throws {
    var users: [String: String] = [:]
    for spec in specs {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw BenchError.usage("user:password, not \(spec)") }
        users[parts[0]] = parts[1]
    }
    try await Lab.run { lab in
        let kamailio = try await lab.startKamailio(users: users, transports: [.udp])
        let line = Array("ready \(kamailio.address)\n".utf8)
        _ = line.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        while readLine() != nil {}
    }
}

enum BenchError: Error { case usage(String) }
