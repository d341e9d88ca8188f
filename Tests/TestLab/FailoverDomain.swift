import Foundation

/// One SIP domain served by two Kamailio registrars through DNS (RFC 3263), the first of
/// them failing: what a stack's server-location failover test needs.
///
/// dnsmasq serves, for `domain` (e.g. `example.test`) and each transport asked for:
/// - NAPTR `domain` → `_sip._udp.domain` (SIP+D2U, order 10), `_sip._tcp.domain` (SIP+D2T,
///   order 20), `_sips._tcp.domain` (SIPS+D2T, order 30);
/// - SRV `_sip._udp.domain` etc. → `sip1.domain:PORT` priority 10 (the failing `primary`)
///   and `sip2.domain:PORT` priority 20 (the working `secondary`);
/// - A `sip1.domain`, `sip2.domain` → 127.0.0.1 (and AAAA → ::1 when started with `ipv6`).
public struct FailoverDomain: Sendable {
    /// How the priority-10 server fails.
    public enum Failure: Sendable, Equatable {
        /// Started, then stopped: its ports are closed (UDP: ICMP port unreachable; TCP:
        /// connection refused). The lab never hands those ports out again.
        case stopped
        /// Up but silent: drops every request (the client must time out).
        case silent
        /// Answers every request 503 Service Unavailable.
        case unavailable
        /// Works like the secondary (no failure), to test the ordinary path.
        case none
    }

    /// The SIP domain, e.g. `example.test`.
    public let domain: String
    public let dns: Dnsmasq
    /// The priority-10 server (`sip1.domain`), failing as asked.
    public let primary: Kamailio
    /// The priority-20 server (`sip2.domain`), a working registrar.
    public let secondary: Kamailio
    /// The records dnsmasq serves.
    public let records: Dnsmasq.Records
    /// The CA that signed both servers' certificate (names: the domain, sip1 and sip2 of
    /// it, 127.0.0.1 and ::1), when TLS was asked for.
    public let certificateAuthority: CertificateAuthority?

    /// The SRV name for `transport`: `_sip._udp.DOMAIN`, `_sip._tcp.DOMAIN`, `_sips._tcp.DOMAIN`.
    public func srvName(_ transport: LabTransport) -> String {
        Self.srvName(transport, domain: domain)
    }

    static func srvName(_ transport: LabTransport, domain: String) -> String {
        switch transport {
        case .udp: "_sip._udp.\(domain)"
        case .tcp: "_sip._tcp.\(domain)"
        case .tls: "_sips._tcp.\(domain)"
        }
    }

    static func naptrService(_ transport: LabTransport) -> (order: Int, service: String) {
        switch transport {
        case .udp: (10, "SIP+D2U")
        case .tcp: (20, "SIP+D2T")
        case .tls: (30, "SIPS+D2T")
        }
    }
}

extension Lab {
    /// Starts two Kamailio registrars for `users` on `transports` and a dnsmasq that
    /// publishes them for `domain` (see `FailoverDomain`), the priority-10 one failing as
    /// `failure` says. Point the resolver under test at `dns.address`.
    public func startFailoverDomain(users: [String: String], domain: String = "example.test",
                                    transports: Set<LabTransport> = [.udp, .tcp], failure: FailoverDomain.Failure = .stopped,
                                    ipv6: Bool = false) async throws -> FailoverDomain {
        var authority: CertificateAuthority?
        var certificate: CertificateAuthority.Issued?
        if transports.contains(.tls) {
            let ca = try await makeCertificateAuthority()
            certificate = try await ca.issue(domain, subjectAltNames: [.dns(domain), .dns("sip1.\(domain)"),
                                                                       .dns("sip2.\(domain)"), .ip("127.0.0.1"), .ip("::1")])
            authority = ca
        }
        let behaviour: Kamailio.Behaviour = switch failure {
        case .stopped, .none: .registrar
        case .silent: .drop
        case .unavailable: .reply(503, reason: "Service Unavailable")
        }
        async let first = startKamailio(users: users, transports: transports, ipv6: ipv6, tls: certificate, behaviour: behaviour)
        async let second = startKamailio(users: users, transports: transports, ipv6: ipv6, tls: certificate)
        let (primary, secondary) = try await (first, second)
        if failure == .stopped { await primary.process.stop() }

        var srv: [Dnsmasq.SRV] = []
        var naptr: [Dnsmasq.NAPTR] = []
        for transport in LabTransport.allCases where transports.contains(transport) {
            let name = FailoverDomain.srvName(transport, domain: domain)
            for (priority, server, host) in [(10, primary, "sip1"), (20, secondary, "sip2")] {
                guard let port = server.listener(transport)?.port else { continue }
                srv.append(.init(name, target: "\(host).\(domain)", port: port, priority: priority, weight: 10))
            }
            let (order, service) = FailoverDomain.naptrService(transport)
            naptr.append(.init(domain, order: order, preference: 10, service: service, replacement: name))
        }
        let addresses = ipv6 ? ["127.0.0.1", "::1"] : ["127.0.0.1"]
        let records = Dnsmasq.Records(srv: srv, naptr: naptr,
                                      hosts: ["sip1.\(domain)": addresses, "sip2.\(domain)": addresses])
        let dns = try await startDnsmasq(records, ipv6: ipv6)
        return FailoverDomain(domain: domain, dns: dns, primary: primary, secondary: secondary, records: records,
                              certificateAuthority: authority)
    }
}
