import Foundation

/// coturn (`turnserver`) as STUN and TURN server on loopback, with one long-term
/// credential user.
public final class Coturn: Sendable {
    public let process: LabProcess
    /// The STUN/TURN port (UDP and TCP on 127.0.0.1).
    public let port: Int
    public let user: String
    public let password: String
    public let realm: String
    /// coturn's own log file (it does not log to stdout).
    public let logFile: URL

    init(process: LabProcess, port: Int, user: String, password: String, realm: String, logFile: URL) {
        self.process = process
        self.port = port
        self.user = user
        self.password = password
        self.realm = realm
        self.logFile = logFile
    }

    /// What coturn logged so far.
    public func log() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }
}

extension Lab {
    /// Starts `turnserver` on a free 127.0.0.1 port, relaying on 127.0.0.1 only, with the
    /// long-term credentials `user`/`password` in `realm`; returns when it accepts TCP.
    public func startCoturn(user: String = "lab", password: String = "lab-secret", realm: String = "lab.test") async throws -> Coturn {
        try await retryingPortClash { try await startCoturnOnce(user: user, password: password, realm: realm) }
    }

    private func startCoturnOnce(user: String, password: String, realm: String) async throws -> Coturn {
        let dir = try makeDirectory("coturn")
        let port = try FreePort.udpAndTCP()
        // Relay ports: a small range next to a free port; coturn skips ports it cannot bind.
        let relayBase = try FreePort.udp()
        let logFile = dir.appendingPathComponent("turnserver.log")
        let process = try spawn("coturn", .turnserver, [
            "-n", "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1", "--listening-port", "\(port)",
            "--min-port", "\(relayBase)", "--max-port", "\(min(65535, relayBase + 20))",
            "--allow-loopback-peers", "--no-multicast-peers", "--no-cli", "--no-tls", "--no-dtls",
            "--lt-cred-mech", "--user", "\(user):\(password)", "--realm", realm,
            "--userdb", dir.appendingPathComponent("turndb.sqlite").path,
            "--pidfile", dir.appendingPathComponent("turnserver.pid").path,
            "--log-file", logFile.path, "--simple-log", "--no-stdout-log",
        ], in: dir)
        let coturn = Coturn(process: process, port: port, user: user, password: password, realm: realm, logFile: logFile)
        do {
            try await process.waitForTCP(port: port)
        } catch {
            // coturn writes its complaints to its own log file, not to stdout.
            let clash = coturn.log().localizedCaseInsensitiveContains("address already in use")
            throw clash ? LabError.portInUse(process.name) : process.portClash(error)
        }
        return coturn
    }
}
