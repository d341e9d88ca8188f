import Foundation

/// coturn (`turnserver`) as STUN and TURN server on loopback, with one long-term
/// credential user.
public final class Coturn: Sendable {
    public let process: LabProcess
    /// The STUN/TURN port (UDP and TCP on every listening address).
    public let port: Int
    /// The TURN over TLS port (TCP), when started with a certificate; nil without TLS.
    public let tlsPort: Int?
    /// The addresses it listens on (127.0.0.1 unless started with `listeningIPs:`).
    public let listeningIPs: [String]
    /// Where its relayed transport addresses are.
    public let relayIP: String
    /// The network namespace it runs in, nil for the test's own.
    public let namespace: NetworkNamespace?
    public let user: String
    public let password: String
    public let realm: String
    /// coturn's own log file (it does not log to stdout).
    public let logFile: URL

    init(process: LabProcess, port: Int, tlsPort: Int? = nil, user: String, password: String, realm: String, logFile: URL,
         listeningIPs: [String] = ["127.0.0.1"], relayIP: String = "127.0.0.1", namespace: NetworkNamespace? = nil) {
        self.process = process
        self.port = port
        self.tlsPort = tlsPort
        self.listeningIPs = listeningIPs
        self.relayIP = relayIP
        self.namespace = namespace
        self.user = user
        self.password = password
        self.realm = realm
        self.logFile = logFile
    }

    /// What coturn logged so far.
    public func log() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// The relayed transport addresses coturn allocated so far (`IPv4. Local relay addr:
    /// …` lines). Only a coturn started `in:` a namespace logs them (it runs `--verbose`);
    /// an independent check that a client used TURN.
    public func relayAddresses() -> [String] {
        log().split(separator: "\n").compactMap { line in
            line.range(of: "Local relay addr: ").map { String(line[$0.upperBound...]).trimmingCharacters(in: .whitespaces) }
        }
    }
}

extension Lab {
    /// Starts `turnserver` on a free 127.0.0.1 port, relaying on 127.0.0.1 only, with the
    /// long-term credentials `user`/`password` in `realm`; returns when it accepts TCP.
    /// `tls`: a certificate (chain and key) for TURN over TLS on a second free port (`tlsPort`).
    /// `verbose`: log sessions, allocations and their refreshes (`log()`).
    public func startCoturn(user: String = "lab", password: String = "lab-secret", realm: String = "lab.test",
                            tls: CertificateAuthority.Issued? = nil, verbose: Bool = false) async throws -> Coturn {
        try await retryingPortClash {
            try await startCoturnOnce(user: user, password: password, realm: realm, tls: tls, verbose: verbose)
        }
    }

    /// Starts `turnserver` in `namespace` on `port` (UDP and TCP) of every address in
    /// `listeningIPs`, relaying from `relayIP` (ports 49152…49252), with the long-term
    /// credentials `user`/`password` in `realm`; returns when it accepts TCP. The namespace
    /// is the lab's own, so the ports are known to be free. It logs verbosely: sessions,
    /// allocations, permissions and their usage at the end (`log()`, `relayAddresses()`).
    /// `tls`: a certificate for TURN over TLS on `tlsPort` too.
    public func startCoturn(in namespace: NetworkNamespace, listeningIPs: [String], relayIP: String, port: Int = 3478,
                            tls: CertificateAuthority.Issued? = nil, tlsPort: Int = 5349,
                            user: String = "lab", password: String = "lab-secret",
                            realm: String = "lab.test") async throws -> Coturn {
        let dir = try makeDirectory("coturn")
        let logFile = dir.appendingPathComponent("turnserver.log")
        let listening = listeningIPs.flatMap { ["--listening-ip", $0] }
        let process = try spawn("coturn", .turnserver, ["-n", "--verbose"] + listening + [
            "--relay-ip", relayIP, "--listening-port", "\(port)", "--min-port", "49152", "--max-port", "49252",
        ] + Self.coturnCommonArguments(dir: dir, logFile: logFile, user: user, password: password, realm: realm)
          + Self.tlsArguments(tls, port: tlsPort),
        in: dir, namespace: namespace)
        let coturn = Coturn(process: process, port: port, tlsPort: tls.map { _ in tlsPort }, user: user, password: password, realm: realm, logFile: logFile,
                            listeningIPs: listeningIPs, relayIP: relayIP, namespace: namespace)
        for ip in listeningIPs {
            try await process.waitForTCP(host: ip, port: port, in: namespace)
            if tls != nil { try await process.waitForTCP(host: ip, port: tlsPort, in: namespace) }
        }
        return coturn
    }

    private static func coturnCommonArguments(dir: URL, logFile: URL, user: String, password: String,
                                              realm: String) -> [String] {
        [
            "--no-multicast-peers", "--no-cli", "--no-dtls",
            "--lt-cred-mech", "--user", "\(user):\(password)", "--realm", realm,
            "--userdb", dir.appendingPathComponent("turndb.sqlite").path,
            "--pidfile", dir.appendingPathComponent("turnserver.pid").path,
            "--log-file", logFile.path, "--simple-log", "--no-stdout-log",
        ]
    }

    /// TLS on `port` with `tls`'s chain and key; without, no TLS listener at all.
    private static func tlsArguments(_ tls: CertificateAuthority.Issued?, port: Int) -> [String] {
        guard let tls else { return ["--no-tls"] }
        return ["--tls-listening-port", "\(port)", "--cert", tls.chain.path, "--pkey", tls.key.path]
    }

    private func startCoturnOnce(user: String, password: String, realm: String,
                                 tls: CertificateAuthority.Issued?, verbose: Bool) async throws -> Coturn {
        let dir = try makeDirectory("coturn")
        let port = try FreePort.udpAndTCP()
        let tlsPort = try tls.map { _ in try FreePort.tcp() }
        // Relay ports: a small range next to a free port; coturn skips ports it cannot bind.
        let relayBase = try FreePort.udp()
        let logFile = dir.appendingPathComponent("turnserver.log")
        let process = try spawn("coturn", .turnserver, (verbose ? ["--verbose"] : []) + [
            "-n", "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1", "--listening-port", "\(port)",
            "--min-port", "\(relayBase)", "--max-port", "\(min(65535, relayBase + 20))", "--allow-loopback-peers",
        ] + Self.coturnCommonArguments(dir: dir, logFile: logFile, user: user, password: password, realm: realm)
          + Self.tlsArguments(tls, port: tlsPort ?? 0), in: dir)
        let coturn = Coturn(process: process, port: port, tlsPort: tlsPort, user: user, password: password, realm: realm, logFile: logFile)
        do {
            try await process.waitForTCP(port: port)
            if let tlsPort { try await process.waitForTCP(port: tlsPort) }
        } catch {
            // coturn writes its complaints to its own log file, not to stdout.
            let clash = coturn.log().localizedCaseInsensitiveContains("address already in use")
            throw clash ? LabError.portInUse(process.name) : process.portClash(error)
        }
        return coturn
    }
}
