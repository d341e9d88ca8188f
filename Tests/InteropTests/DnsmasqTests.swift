import Testing
import TestLab

@Suite struct DnsmasqTests {
    /// dnsmasq answers the SIP server-location records (RFC 3263) of a test domain.
    @Test(.timeLimit(.minutes(1)))
    func servesSRVNAPTRAndAddresses() async throws {
        try await Lab.run { lab in
            let dns = try await lab.startDnsmasq(.init(
                srv: [.init("_sip._udp.lab.test", target: "sip.lab.test", port: 5070, priority: 10, weight: 20)],
                naptr: [.init("lab.test", order: 10, preference: 50, service: "SIP+D2U", replacement: "_sip._udp.lab.test")],
                hosts: ["sip.lab.test": ["127.0.0.1", "::1"]]))
            func dig(_ name: String, _ type: String) async throws -> String {
                let result = try await lab.execute("dig", .dig, ["@127.0.0.1", "-p", "\(dns.port)", "+short", "+time=2", "+tries=1", name, type])
                #expect(result.status == .exited(0), "\(result.output)")
                return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(try await dig("_sip._udp.lab.test", "SRV") == "10 20 5070 sip.lab.test.")
            #expect(try await dig("lab.test", "NAPTR") == #"10 50 "s" "SIP+D2U" "" _sip._udp.lab.test."#)
            #expect(try await dig("sip.lab.test", "A") == "127.0.0.1")
            #expect(try await dig("sip.lab.test", "AAAA") == "::1")
            #expect(dns.process.log().contains("query[NAPTR] lab.test from 127.0.0.1"))
        }
    }
}
