import Foundation

/// Kamailio as registrar and record-routing proxy with digest authentication, running in
/// the foreground (`-DD -E`) so the PID the lab holds is its main process.
public final class Kamailio: Sendable {
    /// One SIP listening socket.
    public struct Listener: Sendable, Equatable {
        public typealias Transport = LabTransport
        public var transport: Transport
        /// An IPv4 address or a bracketed IPv6 address (`[::1]`).
        public var host: String
        public var port: Int

        public init(_ transport: Transport, host: String = "127.0.0.1", port: Int) {
            self.transport = transport
            self.host = host
            self.port = port
        }

        /// Whether this listens on IPv6 (its host is bracketed).
        public var isIPv6: Bool { host.hasPrefix("[") }
        /// `127.0.0.1:PORT` or `[::1]:PORT`.
        public var address: String { "\(host):\(port)" }
        /// The host without brackets, for sockets and `openssl -verify_ip`.
        public var bareHost: String { isIPv6 ? String(host.dropFirst().dropLast()) : host }

        /// The `listen=` value in kamailio.cfg.
        var cfgValue: String { "\(transport.rawValue):\(host):\(port)" }
    }

    /// What the routing script does with requests.
    public enum Behaviour: Sendable, Equatable {
        /// Registrar, digest authentication and record-routing proxy (the default).
        case registrar
        /// Drops every request without answering (logs `LAB 0 METHOD user transport`): a
        /// server that is up but silent, for timeout failover.
        case drop
        /// Answers every request statelessly with `status` (e.g. 503), logging it.
        case reply(Int, reason: String)
    }

    /// The TLS server certificate (chain then key, PEM) for `tls` listeners.
    public struct TLS: Sendable {
        public var chain: URL
        public var key: URL
        public init(chain: URL, key: URL) {
            self.chain = chain
            self.key = key
        }
        public init(_ issued: CertificateAuthority.Issued) {
            self.init(chain: issued.chain, key: issued.key)
        }
    }

    /// What to start.
    public struct Configuration: Sendable {
        /// user → password; users authenticate with digest in the realm of their domain.
        public var users: [String: String]
        public var listeners: [Listener]
        /// Required when a listener is `tls`.
        public var tls: TLS?
        public var behaviour: Behaviour
        /// The network namespace Kamailio runs in (nil: the test's own, on loopback).
        public var namespace: NetworkNamespace?
        /// NAT-aware routing (nathelper): rport and received for every request, the public
        /// source of a NATed REGISTER saved as the contact's `received`, a NATed caller's or
        /// callee's Contact rewritten so in-dialog requests reach it through its NAT.
        public var natTraversal: Bool

        public init(users: [String: String], listeners: [Listener], tls: TLS? = nil, behaviour: Behaviour = .registrar,
                    namespace: NetworkNamespace? = nil, natTraversal: Bool = false) {
            self.users = users
            self.listeners = listeners
            self.tls = tls
            self.behaviour = behaviour
            self.namespace = namespace
            self.natTraversal = natTraversal
        }
    }

    /// One line the routing script logs (prefixed `LAB `), e.g. `401 REGISTER alice udp`:
    /// the status it answered (100 for a request it relayed), the method, the user (From
    /// user, To user for REGISTER) and the transport the request came in on.
    public struct Event: Equatable, Sendable {
        public let status: Int
        public let method: String
        public let user: String
        public let transport: String
    }

    public let process: LabProcess
    public let configuration: Configuration
    /// The port of the first listener (the UDP and TCP port, unless Kamailio has only TLS).
    public let port: Int
    /// `127.0.0.1:PORT`, the registrar and proxy address (the first listener).
    public let address: String
    /// `[::1]:PORT` when Kamailio also listens on IPv6 loopback.
    public let ipv6Address: String?
    /// The CA that signed the TLS certificate, when the lab made it (see
    /// `startKamailio(users:transports:ipv6:tls:behaviour:)`): clients trust its `certificate`.
    public let certificateAuthority: CertificateAuthority?

    init(process: LabProcess, configuration: Configuration, certificateAuthority: CertificateAuthority? = nil) {
        self.process = process
        self.configuration = configuration
        self.certificateAuthority = certificateAuthority
        port = configuration.listeners.first?.port ?? 0
        address = configuration.listeners.first?.address ?? "127.0.0.1:0"
        ipv6Address = configuration.listeners.first { $0.isIPv6 }?.address
    }

    /// Every listening socket.
    public var listeners: [Listener] { configuration.listeners }

    /// The listener for `transport` on 127.0.0.1 (or on [::1] when `ipv6`), if there is one.
    public func listener(_ transport: Listener.Transport, ipv6: Bool = false) -> Listener? {
        listeners.first { $0.transport == transport && $0.isIPv6 == ipv6 }
    }

    /// What the routing script did so far, in order: challenges (401/407), registrations
    /// (200 REGISTER), relayed requests (`relay`) and failures.
    public func events() -> [Event] {
        process.log().split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "LAB ") else { return nil }
            let words = line[range.upperBound...].split(separator: " ")
            guard words.count >= 4, let status = Int(words[0]) else { return nil }
            return Event(status: status, method: String(words[1]), user: String(words[2]), transport: String(words[3]))
        }
    }

    /// Waits until the script logged `status method user` and returns that event.
    @discardableResult
    public func waitFor(_ status: Int, _ method: String, user: String, timeout: Duration = .seconds(10)) async throws -> Event {
        var found: Event?
        try await Poll.until("kamailio to log \(status) \(method) \(user)", timeout: timeout) {
            if let status = process.status { throw LabError.exited("kamailio", status: status) }
            found = events().first { $0.status == status && $0.method == method && $0.user == user }
            return found != nil
        }
        guard let found else { throw LabError.timeout("kamailio to log \(status) \(method) \(user)") }
        return found
    }
}

extension Lab {
    /// Starts Kamailio for `users` (user → password) listening on `transports` on 127.0.0.1
    /// (and on [::1] too when `ipv6` is set): UDP and TCP share one free port, TLS has its
    /// own. TLS uses `tls` as server certificate; without one the lab makes a CA and a
    /// certificate for `127.0.0.1`, `::1`, `sip.test` and `localhost`, and the CA is
    /// `certificateAuthority`. Returns once Kamailio accepts connections.
    public func startKamailio(users: [String: String], transports: Set<LabTransport> = [.udp, .tcp], ipv6: Bool = false,
                              tls: CertificateAuthority.Issued? = nil,
                              behaviour: Kamailio.Behaviour = .registrar) async throws -> Kamailio {
        var authority: CertificateAuthority?
        var certificate = tls
        if transports.contains(.tls), certificate == nil {
            let ca = try await makeCertificateAuthority()
            certificate = try await ca.issue("kamailio", subjectAltNames: [.ip("127.0.0.1"), .ip("::1"), .dns("sip.test"),
                                                                          .dns("localhost")])
            authority = ca
        }
        return try await retryingPortClash {
            let hosts = ipv6 ? ["127.0.0.1", "[::1]"] : ["127.0.0.1"]
            var listeners: [Kamailio.Listener] = []
            if !transports.isDisjoint(with: [.udp, .tcp]) {
                let port = try FreePort.udpAndTCP(ipv6: ipv6)
                for host in hosts {
                    for transport in [LabTransport.udp, .tcp] where transports.contains(transport) {
                        listeners.append(.init(transport, host: host, port: port))
                    }
                }
            }
            if transports.contains(.tls) {
                let port = try FreePort.udpAndTCP(ipv6: ipv6)
                listeners += hosts.map { .init(.tls, host: $0, port: port) }
            }
            let config = Kamailio.Configuration(users: users, listeners: listeners, tls: certificate.map(Kamailio.TLS.init),
                                                behaviour: behaviour)
            return try await startKamailio(config, certificateAuthority: authority)
        }
    }

    /// Starts Kamailio with an explicit configuration.
    public func startKamailio(_ config: Kamailio.Configuration) async throws -> Kamailio {
        try await startKamailio(config, certificateAuthority: nil)
    }

    private func startKamailio(_ config: Kamailio.Configuration,
                               certificateAuthority: CertificateAuthority?) async throws -> Kamailio {
        let dir = try makeDirectory("kamailio")
        let cfg = dir.appendingPathComponent("kamailio.cfg")
        let tlsConfig = dir.appendingPathComponent("tls.cfg")
        if let tls = config.tls {
            try Kamailio.tlsConfig(tls).write(to: tlsConfig, atomically: true, encoding: .utf8)
        }
        try Kamailio.script(config, tlsConfig: config.tls == nil ? nil : tlsConfig)
            .write(to: cfg, atomically: true, encoding: .utf8)
        // TLS (OpenSSL) allocates from shared memory: give it more.
        let sharedMB = config.tls == nil ? "32" : "64"
        let process = try spawn("kamailio", .kamailio, [
            "-f", cfg.path, "-DD", "-E", "-m", sharedMB, "-M", "8", "-Y", dir.path, "-w", dir.path,
        ], in: dir, namespace: config.namespace)
        let kamailio = Kamailio(process: process, configuration: config, certificateAuthority: certificateAuthority)
        do {
            if config.listeners.contains(where: { $0.transport == .udp }) {
                // Logged once the UDP sockets are bound and tuned, just before the TCP ones.
                try await process.waitForLog("SO_RCVBUF is finally")
            }
            // Every socket is bound before the workers fork: one stream probe covers them all.
            if let stream = config.listeners.first(where: { $0.transport != .udp && !$0.isIPv6 }) {
                if let namespace = config.namespace {
                    try await process.waitForTCP(host: stream.host, port: stream.port, in: namespace)
                } else {
                    try await process.waitForTCP(port: stream.port)
                }
                // Another socket listening on our TCP port answers the probe too, and Kamailio
                // then ends on "Address already in use" a moment later: a port clash to retry.
                try await Task.sleep(for: .milliseconds(100))
                if process.status != nil || process.log().localizedCaseInsensitiveContains("address already in use") {
                    throw LabError.portInUse(process.name)
                }
            }
        } catch {
            throw process.portClash(error)
        }
        return kamailio
    }
}
