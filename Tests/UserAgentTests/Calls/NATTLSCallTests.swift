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
    /// Relay only: the caller over TLS (`turn.lab.test`, the lab CA), the callee over UDP.
    static func relays(_ lab: Lab) async throws -> (caller: NATSettings, callee: NATSettings) {
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
        return (caller, callee)
    }

    @Test func relayedBothWaysOverTLS() async throws {
        try await Lab.run { lab in
            let (caller, callee) = try await Self.relays(lab)
            let call = try await NATCallTests.call(caller: caller, callee: callee)
            // RTP's and RTCP's allocations, each on its own TLS connection.
            #expect(NATCallTests.candidates(call.offer).map(\.type) == [.relayed, .relayed])
            #expect(NATCallTests.candidates(call.offer).map(\.component).sorted() == [1, 2])
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

    /// Without rtcp-mux, RTCP crosses by its own allocation on a second TLS connection:
    /// each side receives the other's RTCP reports along relayed component-2 pairs.
    @Test func withoutRTCPMuxRTCPIsRelayedOverTLSToo() async throws {
        try await Lab.run { lab in
            let (caller, callee) = try await Self.relays(lab)
            let call = try await NATCallTests.call(caller: caller, callee: callee, withoutRTCPMux: true)
            #expect(NATCallTests.candidates(call.answer).map(\.component).sorted() == [1, 2])
            var pairs: (String?, String?) = (nil, nil)
            var reports = false
            for _ in 0..<40 where !reports || pairs.0 == nil || pairs.1 == nil {
                try await Task.sleep(for: .milliseconds(200))
                let a = await call.caller.statistics(), b = await call.callee.statistics()
                pairs = (a?.nat?.selectedRTCPPair, b?.nat?.selectedRTCPPair)
                reports = a?.quality.peerJitterMilliseconds != nil && b?.quality.peerJitterMilliseconds != nil
            }
            #expect(pairs.0?.hasPrefix("relay ") == true && pairs.0?.hasSuffix(" c2") == true, "\(pairs.0 ?? "none")")
            #expect(pairs.1?.hasSuffix(" c2") == true, "\(pairs.1 ?? "none")")
            #expect(reports, "each side received the other's RTCP report")
            let heard = try await NATCallTests.end(call)
            #expect(heard.caller == 440)
            #expect(heard.callee == 1000)
        }
    }
}
