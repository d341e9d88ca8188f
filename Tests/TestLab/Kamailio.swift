import Foundation

/// Kamailio as registrar and record-routing proxy with digest authentication, running in
/// the foreground (`-DD -E`) so the PID the lab holds is its main process.
public final class Kamailio: Sendable {
    /// One SIP listening socket. More transports (TLS) and IPv6 hosts are added here.
    public struct Listener: Sendable {
        public enum Transport: String, Sendable { case udp, tcp }
        public var transport: Transport
        /// An IPv4 address or a bracketed IPv6 address (`[::1]`).
        public var host: String
        public var port: Int

        public init(_ transport: Transport, host: String = "127.0.0.1", port: Int) {
            self.transport = transport
            self.host = host
            self.port = port
        }

        /// The `listen=` value in kamailio.cfg.
        var cfgValue: String { "\(transport.rawValue):\(host):\(port)" }
    }

    /// What to start.
    public struct Configuration: Sendable {
        /// user → password; users authenticate with digest in the realm of their domain.
        public var users: [String: String]
        public var listeners: [Listener]

        public init(users: [String: String], listeners: [Listener]) {
            self.users = users
            self.listeners = listeners
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
    /// The UDP and TCP port of the first listener.
    public let port: Int
    /// `127.0.0.1:PORT`, the registrar and proxy address.
    public let address: String
    /// `[::1]:PORT` when Kamailio also listens on IPv6 loopback.
    public let ipv6Address: String?

    init(process: LabProcess, configuration: Configuration) {
        self.process = process
        self.configuration = configuration
        port = configuration.listeners.first?.port ?? 0
        address = "\(configuration.listeners.first?.host ?? "127.0.0.1"):\(port)"
        ipv6Address = configuration.listeners.first { $0.host.hasPrefix("[") }.map { "\($0.host):\($0.port)" }
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
    /// Starts Kamailio for `users` (user → password), listening on UDP and TCP on a free
    /// 127.0.0.1 port (and on the same port on ::1 when `ipv6` is set), and waits until it
    /// accepts connections.
    public func startKamailio(users: [String: String], ipv6: Bool = false) async throws -> Kamailio {
        try await retryingPortClash {
            let port = try FreePort.udpAndTCP(ipv6: ipv6)
            var listeners: [Kamailio.Listener] = [.init(.udp, port: port), .init(.tcp, port: port)]
            if ipv6 { listeners += [.init(.udp, host: "[::1]", port: port), .init(.tcp, host: "[::1]", port: port)] }
            return try await startKamailio(Kamailio.Configuration(users: users, listeners: listeners))
        }
    }

    /// Starts Kamailio with an explicit configuration.
    public func startKamailio(_ config: Kamailio.Configuration) async throws -> Kamailio {
        let dir = try makeDirectory("kamailio")
        let cfg = dir.appendingPathComponent("kamailio.cfg")
        try Kamailio.script(config).write(to: cfg, atomically: true, encoding: .utf8)
        let process = try spawn("kamailio", .kamailio, [
            "-f", cfg.path, "-DD", "-E", "-m", "32", "-M", "4", "-Y", dir.path, "-w", dir.path,
        ], in: dir)
        let kamailio = Kamailio(process: process, configuration: config)
        do {
            if let tcp = config.listeners.first(where: { $0.transport == .tcp && $0.host == "127.0.0.1" }) {
                try await process.waitForTCP(port: tcp.port)
            }
            if config.listeners.contains(where: { $0.transport == .udp }) {
                // Logged once the UDP sockets are bound and tuned, just before the workers fork.
                try await process.waitForLog("SO_RCVBUF is finally")
            }
        } catch {
            throw process.portClash(error)
        }
        return kamailio
    }
}
