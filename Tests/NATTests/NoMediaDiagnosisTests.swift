import Testing
@testable import NAT

@Suite(.timeLimit(.minutes(1)))
struct NoMediaDiagnosisTests {
    func address(_ host: String) -> TransportAddress? { TransportAddress(host: host, port: 4000) }

    @Test func privatePeerWithoutICE() {
        let text = NoMediaDiagnosis.explain(.init(peerAddress: address("10.0.0.7"), localAddress: address("192.168.1.5")))
        #expect(text.hasPrefix("the peer's SDP offers a private address (10.0.0.7) and no ICE"))
    }

    @Test func privatePeerOnOurLANIsNotBlamed() {
        let text = NoMediaDiagnosis.explain(.init(peerAddress: address("192.168.1.9"), localAddress: address("192.168.1.5")))
        #expect(text.hasPrefix("no RTP arrived from 192.168.1.9:4000"))
    }

    @Test func privateUsWithoutServers() {
        let facts = NoMediaDiagnosis.Facts(peerAddress: address("198.51.100.7"), localAddress: address("192.168.1.5"))
        #expect(NoMediaDiagnosis.explain(facts)
            == "our SDP offers only the private address 192.168.1.5 and no public candidate: set stun_server and turn_server in [network] or the account")
        var served = facts
        served.natServersConfigured = true
        served.stunFailure = "no answer from 203.0.113.1:3478"
        #expect(NoMediaDiagnosis.explain(served).hasSuffix("the STUN/TURN server did not answer (no answer from 203.0.113.1:3478)"))
        served.hasPublicCandidate = true
        #expect(NoMediaDiagnosis.explain(served).hasPrefix("no RTP arrived from 198.51.100.7:4000: a firewall"))
    }

    @Test func reportedFailuresComeFirst() {
        var facts = NoMediaDiagnosis.Facts(peerAddress: address("10.0.0.7"), localAddress: address("192.168.1.5"),
                                           iceFailure: "no candidate pair answered: 4 pairs tried (host, srflx)")
        #expect(NoMediaDiagnosis.explain(facts) == "ICE found no working path: no candidate pair answered: 4 pairs tried (host, srflx)")
        facts.turnFailure = "TURN allocation refused: wrong credentials (user alice, realm lab.test)"
        #expect(NoMediaDiagnosis.explain(facts).hasPrefix("TURN allocation refused: wrong credentials"))
        facts.authenticationFailures = 12
        #expect(NoMediaDiagnosis.explain(facts).hasPrefix("12 SRTP packets arrived but failed authentication"))
        facts.peerSends = false
        #expect(NoMediaDiagnosis.explain(facts).hasPrefix("the peer does not send audio"))
    }

    @Test func holdAddress() {
        #expect(NoMediaDiagnosis.explain(.init(peerAddress: address("0.0.0.0"))).contains("c=0.0.0.0"))
    }
}
