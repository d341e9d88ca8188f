import Foundation

/// dnsmasq as an authoritative-looking DNS server for test records, on a loopback port,
/// with no upstream, no hosts file, no DHCP, and nothing touching /etc/resolv.conf.
public final class Dnsmasq: Sendable {
    /// An SRV record: `_sip._udp.example.test` → target:port.
    public struct SRV: Sendable {
        public var name, target: String
        public var port, priority, weight: Int
        public init(_ name: String, target: String, port: Int, priority: Int = 10, weight: Int = 10) {
            (self.name, self.target, self.port, self.priority, self.weight) = (name, target, port, priority, weight)
        }
    }

    /// A NAPTR record (RFC 3403), e.g. `example.test 10 50 "s" "SIP+D2U" "" _sip._udp.example.test`.
    public struct NAPTR: Sendable {
        public var name: String
        public var order, preference: Int
        public var flags, service, regexp, replacement: String
        public init(_ name: String, order: Int, preference: Int, flags: String = "s", service: String,
                    regexp: String = "", replacement: String) {
            (self.name, self.order, self.preference) = (name, order, preference)
            (self.flags, self.service, self.regexp, self.replacement) = (flags, service, regexp, replacement)
        }
    }

    /// The records to serve; `hosts` maps a name to its A and AAAA addresses; `ttl` is the
    /// TTL of every answer (dnsmasq's default for its own records is 0: not cached).
    public struct Records: Sendable {
        public var srv: [SRV]
        public var naptr: [NAPTR]
        public var hosts: [String: [String]]
        public var ttl: Int?

        public init(srv: [SRV] = [], naptr: [NAPTR] = [], hosts: [String: [String]] = [:], ttl: Int? = nil) {
            (self.srv, self.naptr, self.hosts, self.ttl) = (srv, naptr, hosts, ttl)
        }

        /// dnsmasq options for these records.
        var options: [String] {
            srv.map { "--srv-host=\($0.name),\($0.target),\($0.port),\($0.priority),\($0.weight)" }
                + naptr.map {
                    "--naptr-record=\($0.name),\($0.order),\($0.preference),\($0.flags),\($0.service),\($0.regexp),\($0.replacement)"
                }
                + hosts.sorted { $0.key < $1.key }.map { "--host-record=\(([$0.key] + $0.value).joined(separator: ","))" }
                + (ttl.map { ["--local-ttl=\($0)"] } ?? [])
        }
    }

    public let process: LabProcess
    /// The DNS port (UDP and TCP on 127.0.0.1, and on ::1 when started with `ipv6`).
    public let port: Int
    /// The addresses it listens on: `127.0.0.1`, and `::1` when started with `ipv6`.
    public let hosts: [String]

    init(process: LabProcess, port: Int, hosts: [String]) {
        self.process = process
        self.port = port
        self.hosts = hosts
    }

    /// `127.0.0.1:PORT`: the server to point a resolver at (resolv.conf cannot name a port).
    public var address: String { "127.0.0.1:\(port)" }
}

extension Lab {
    /// Starts dnsmasq serving `records` on a free 127.0.0.1 port (and the same port on ::1
    /// when `ipv6` is set), logging every query; returns when it accepts TCP.
    public func startDnsmasq(_ records: Dnsmasq.Records, ipv6: Bool = false) async throws -> Dnsmasq {
        try await retryingPortClash { try await startDnsmasqOnce(records, ipv6: ipv6) }
    }

    private func startDnsmasqOnce(_ records: Dnsmasq.Records, ipv6: Bool) async throws -> Dnsmasq {
        let dir = try makeDirectory("dnsmasq")
        let port = try FreePort.udpAndTCP(ipv6: ipv6)
        let hosts = ipv6 ? ["127.0.0.1", "::1"] : ["127.0.0.1"]
        let process = try spawn("dnsmasq", .dnsmasq, [
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll",
            "--port=\(port)", "--listen-address=\(hosts.joined(separator: ","))", "--bind-interfaces", "--pid-file",
            "--user=root", "--log-queries", "--log-facility=-",
        ] + records.options, in: dir)
        let dnsmasq = Dnsmasq(process: process, port: port, hosts: hosts)
        do {
            try await process.waitForTCP(port: port)
        } catch {
            throw process.portClash(error)
        }
        return dnsmasq
    }
}
