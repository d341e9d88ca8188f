import Media
import NAT
import Testing
import TestLab
@testable import UserAgent

/// A call whose caller reaches coturn only over TLS (as behind a firewall that lets only
/// TLS out): the allocation, the ICE checks and the audio all travel inside TLS, and the
/// tones are heard both ways.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct NATTLSCallTests {
    @Test func relayedBothWaysOverTLS() async throws {
        try await Lab.run { lab in
            let ca = try await lab.makeCertificateAuthority()
            let certificate = try await ca.issue("turn", subjectAltNames: [.dns("turn.lab.test")])
            let coturn = try await lab.startCoturn(tls: certificate)
            let udp = try #require(TransportAddress(host: "127.0.0.1", port: UInt16(coturn.port)))
            let tlsPort = try #require(coturn.tlsPort)
            let tls = try #require(TransportAddress(host: "127.0.0.1", port: UInt16(tlsPort)))
            let caller = NATSettings(turnServer: tls, turnTransport: .tcp, turnUser: coturn.user, turnPassword: coturn.password,
                                     turnTLS: TURNTLSSettings(serverName: "turn.lab.test", caFile: ca.certificate.path),
                                     relayOnly: true)
            let callee = NATSettings(turnServer: udp, turnUser: coturn.user, turnPassword: coturn.password, relayOnly: true)
            let call = try await NATCallTests.call(caller: caller, callee: callee)
            #expect(NATCallTests.candidates(call.offer).map(\.type) == [.relayed], "one relayed candidate, over TLS")
            let (a, b) = try await NATCallTests.selectedPairs(call)
            #expect(a?.hasPrefix("relay ") == true, "\(a ?? "none")")
            #expect(b?.hasPrefix("relay ") == true, "\(b ?? "none")")
            #expect(await call.caller.statistics()?.nat?.turnFailure == nil)
            try await Task.sleep(for: .milliseconds(800))
            let heard = try await NATCallTests.end(call)
            #expect(heard.caller == 440)
            #expect(heard.callee == 1000)
        }
    }
}
