import Foundation
import Testing
import TestLab

/// The RFC 3263 failover setup: dnsmasq publishes two Kamailios for example.test, the
/// priority-10 one failing in each of the ways a stack must fail over from.
@Suite struct FailoverDomainTests {
    static func dig(_ lab: Lab, _ dns: Dnsmasq, _ name: String, _ type: String, server: String = "127.0.0.1") async throws -> [String] {
        let result = try await lab.execute("dig", .dig, ["@\(server)", "-p", "\(dns.port)", "+short", "+time=2", "+tries=1", name, type])
        try #require(result.status == .exited(0), "\(result.output)")
        return result.output.split(whereSeparator: \.isNewline).map(String.init).sorted()
    }

    static func register(_ kamailio: Kamailio, _ transport: LabTransport = .udp, timeout: Duration = .seconds(5)) throws -> String {
        let listener = try #require(kamailio.listener(transport))
        let request = SIPProbe.request("REGISTER", user: "alice", transport: transport, host: listener.host, port: listener.port)
        return try SIPProbe.exchange(request, transport: transport, host: listener.bareHost, port: listener.port, timeout: timeout)
    }

    /// The first server is stopped: DNS still names it first, its ports refuse, the second answers.
    @Test(.timeLimit(.minutes(1)))
    func stoppedPrimary() async throws {
        try await Lab.run { lab in
            let domain = try await lab.startFailoverDomain(users: ["alice": "a"])
            let p1 = try #require(domain.primary.listener(.udp)).port
            let p2 = try #require(domain.secondary.listener(.udp)).port
            try #require(p1 != p2)
            #expect(try await Self.dig(lab, domain.dns, "_sip._udp.example.test", "SRV")
                    == ["10 10 \(p1) sip1.example.test.", "20 10 \(p2) sip2.example.test."])
            #expect(try await Self.dig(lab, domain.dns, "_sip._tcp.example.test", "SRV").count == 2)
            #expect(try await Self.dig(lab, domain.dns, "example.test", "NAPTR")
                    == [#"10 10 "s" "SIP+D2U" "" _sip._udp.example.test."#, #"20 10 "s" "SIP+D2T" "" _sip._tcp.example.test."#])
            #expect(try await Self.dig(lab, domain.dns, "sip1.example.test", "A") == ["127.0.0.1"])
            #expect(try await Self.dig(lab, domain.dns, "sip2.example.test", "A") == ["127.0.0.1"])
            #expect(try await Self.dig(lab, domain.dns, "sip2.example.test", "AAAA") == [])
            #expect(domain.primary.process.isRunning == false)
            #expect(throws: LabError.self) { try Self.register(domain.primary, .udp) }
            #expect(throws: LabError.self) { try Self.register(domain.primary, .tcp) }
            let answer = try Self.register(domain.secondary)
            try #require(answer.hasPrefix("SIP/2.0 401 "), "\(answer)")
            #expect(domain.srvName(.tls) == "_sips._tcp.example.test")
        }
    }

    /// The first server drops everything: a request to it times out.
    @Test(.timeLimit(.minutes(1)))
    func silentPrimary() async throws {
        try await Lab.run { lab in
            let domain = try await lab.startFailoverDomain(users: ["alice": "a"], transports: [.udp], failure: .silent)
            #expect(domain.primary.process.isRunning)
            let error = #expect(throws: LabError.self) { try Self.register(domain.primary, timeout: .seconds(1)) }
            #expect(error?.description.contains("timed out") == true, "\(String(describing: error))")
            try await domain.primary.waitFor(0, "REGISTER", user: "alice")
            #expect(try Self.register(domain.secondary).hasPrefix("SIP/2.0 401 "))
            #expect(try await Self.dig(lab, domain.dns, "example.test", "NAPTR").count == 1)
        }
    }

    /// The first server answers 503.
    @Test(.timeLimit(.minutes(1)))
    func unavailablePrimary() async throws {
        try await Lab.run { lab in
            let domain = try await lab.startFailoverDomain(users: ["alice": "a"], transports: [.udp], failure: .unavailable)
            let answer = try Self.register(domain.primary)
            #expect(answer.hasPrefix("SIP/2.0 503 Service Unavailable"), "\(answer)")
            #expect(domain.primary.events().first?.status == 503)
            #expect(try Self.register(domain.secondary).hasPrefix("SIP/2.0 401 "))
        }
    }

    /// TLS and IPv6: SIPS records, AAAA answers, DNS over ::1, the certificate names the domain.
    @Test(.timeLimit(.minutes(1)))
    func tlsAndIPv6() async throws {
        try await Lab.run { lab in
            let domain = try await lab.startFailoverDomain(users: ["alice": "a"], transports: [.udp, .tls], failure: .stopped,
                                                           ipv6: true)
            let ca = try #require(domain.certificateAuthority)
            let tls2 = try #require(domain.secondary.listener(.tls))
            #expect(try await Self.dig(lab, domain.dns, "sip2.example.test", "AAAA", server: "::1") == ["::1"])
            #expect(try await Self.dig(lab, domain.dns, "sip1.example.test", "A", server: "::1") == ["127.0.0.1"])
            let sips = try await Self.dig(lab, domain.dns, "_sips._tcp.example.test", "SRV")
            #expect(sips.last == "20 10 \(tls2.port) sip2.example.test.", "\(sips)")
            #expect(try await Self.dig(lab, domain.dns, "example.test", "NAPTR").last
                    == #"30 10 "s" "SIPS+D2T" "" _sips._tcp.example.test."#)
            let request = SIPProbe.request("REGISTER", user: "alice", transport: .tls, host: "example.test", port: tls2.port)
            let answer = try await lab.exchangeSIPOverTLS(request, host: "::1", port: tls2.port, caFile: ca.certificate,
                                                          serverName: "example.test")
            #expect(answer.hasPrefix("SIP/2.0 401 "), "\(answer)")
        }
    }
}
