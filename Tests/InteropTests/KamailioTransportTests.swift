import Foundation
import Testing
import TestLab

/// Kamailio's UDP, TCP and TLS listeners on 127.0.0.1 and [::1] each answer SIP, and the
/// routing script's event log names the transport.
@Suite struct KamailioTransportTests {
    @Test(.timeLimit(.minutes(1)))
    func everyListenerChallengesRegister() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "alice-secret"], transports: [.udp, .tcp, .tls],
                                                       ipv6: true)
            let ca = try #require(kamailio.certificateAuthority)
            try #require(kamailio.listeners.count == 6, "\(kamailio.listeners)")
            for listener in kamailio.listeners {
                let request = SIPProbe.request("REGISTER", user: "alice", transport: listener.transport,
                                               host: listener.host, port: listener.port)
                let response = listener.transport == .tls
                    ? try await lab.exchangeSIPOverTLS(request, host: listener.bareHost, port: listener.port, caFile: ca.certificate)
                    : try SIPProbe.exchange(request, transport: listener.transport, host: listener.bareHost, port: listener.port)
                try #require(response.hasPrefix("SIP/2.0 401 "), "\(listener): \(response)")
                #expect(response.contains("WWW-Authenticate: Digest"), "\(listener): \(response)")
                // rport tells the probe which port it was seen from.
                #expect(response.contains(";rport="), "\(listener): \(response)")
            }
            let events = kamailio.events().filter { $0.status == 401 && $0.method == "REGISTER" && $0.user == "alice" }
            #expect(events.map(\.transport).sorted() == ["tcp", "tcp", "tls", "tls", "udp", "udp"], "\(events)")
            #expect(kamailio.listener(.tls, ipv6: true)?.address.hasPrefix("[::1]:") == true)
            #expect(kamailio.listener(.udp)?.address == kamailio.address)
        }
    }

    /// TLS is verified: the certificate names 127.0.0.1 and sip.test (SNI), and a client
    /// trusting another CA, or asking for a name the certificate lacks, is refused.
    @Test(.timeLimit(.minutes(1)))
    func tlsVerifiesAgainstTheLabCA() async throws {
        try await Lab.run { lab in
            let ca = try await lab.makeCertificateAuthority()
            let certificate = try await ca.issue("sip", subjectAltNames: [.ip("127.0.0.1"), .dns("sip.test")])
            let kamailio = try await lab.startKamailio(users: ["alice": "a"], transports: [.tls], tls: certificate)
            #expect(kamailio.certificateAuthority == nil)
            let tls = try #require(kamailio.listener(.tls))
            try #require(kamailio.listeners == [tls])
            let request = SIPProbe.request("OPTIONS", user: "alice", transport: .tls, host: tls.host, port: tls.port)
            let byName = try await lab.exchangeSIPOverTLS(request, host: "127.0.0.1", port: tls.port, caFile: ca.certificate,
                                                          serverName: "sip.test")
            try #require(byName.hasPrefix("SIP/2.0 407 "), "\(byName)")
            try await kamailio.waitFor(407, "OPTIONS", user: "alice")
            #expect(kamailio.events().first?.transport == "tls")

            let stranger = try await lab.makeCertificateAuthority(commonName: "stranger")
            await #expect(throws: LabError.self) {
                try await lab.exchangeSIPOverTLS(request, host: "127.0.0.1", port: tls.port, caFile: stranger.certificate)
            }
            await #expect(throws: LabError.self) {
                try await lab.exchangeSIPOverTLS(request, host: "127.0.0.1", port: tls.port, caFile: ca.certificate,
                                                 serverName: "other.test")
            }
        }
    }
}
