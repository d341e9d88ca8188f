import SDP
import Testing
@testable import NAT

@Suite(.timeLimit(.minutes(1)))
struct ICEDescriptionTests {
    private func session(_ media: MediaDescription, attributes: [SDPAttribute] = []) -> SessionDescription {
        SessionDescription(origin: Origin(sessionID: 1, sessionVersion: 1, address: "192.0.2.1"),
                           connection: Connection(address: "192.0.2.1"), attributes: attributes, media: [media])
    }

    @Test func agentDescriptionRoundTripsThroughSDPText() throws {
        var agent = ICEAgent.test(role: .controlling, seed: 5)
        agent.gatherHostCandidates(interfaces: [ta("10.0.0.2:0"), ta("[2001:db8::2]:0")], ports: [5000])
        agent.addServerReflexiveCandidate(ta("203.0.113.1:40000"), base: ta("10.0.0.2:5000"), server: ta("192.0.2.9:3478"))
        agent.addRelayedCandidate(ta("192.0.2.100:50000"), via: ta("10.0.0.2:5000"), mapped: ta("203.0.113.1:40001"), server: ta("192.0.2.100:3478"))
        var description = ICEDescription(agent: agent)
        description.options = ["trickle"]
        description.remoteCandidates = [.init(component: 1, address: ta("198.51.100.4:6000"))]
        var media = MediaDescription(media: "audio", port: 9, proto: .rtpAVP, formats: ["0"])
        description.apply(to: &media, defaultCandidate: agent.defaultCandidate(component: 1))
        #expect(media.port == 50000 && media.connection?.address == "192.0.2.100")
        let text = session(media).serialized()
        #expect(text.contains("a=remote-candidates:1 198.51.100.4 6000\r\n"))
        #expect(text.contains("typ relay raddr 203.0.113.1 rport 40001"))
        let parsed = try SessionDescription.parse(text)
        let back = try #require(ICEDescription(media: parsed.media[0], session: parsed))
        // A remote candidate's base is not signalled: it reads back as its own address.
        var expected = description
        expected.candidates = description.candidates.map { var c = $0; c.base = c.address; return c }
        #expect(back == expected)
        #expect(back.candidates.count == 4 && back.endOfCandidates)
    }

    @Test func sessionLevelCredentialsAndLiteApplyToMedia() throws {
        let media = MediaDescription(media: "audio", port: 5000, proto: .rtpAVP, formats: ["0"],
                                     attributes: [.candidate(SDP.Candidate(foundation: "1", component: 1, priority: 2_130_706_431,
                                                                           address: "198.51.100.4", port: 5000, type: .host))])
        let sdp = session(media, attributes: [.iceLite, .iceUfrag("Abcd"), .icePwd("0123456789abcdefghijkl")])
        let d = try #require(ICEDescription(media: sdp.media[0], session: sdp))
        #expect(d.lite && d.ufrag == "Abcd" && d.pwd == "0123456789abcdefghijkl" && d.candidates.count == 1)
        var override = media
        override.attributes += [.iceUfrag("Wxyz"), .icePwd("zyxwvutsrqponmlkjihgfe")]
        #expect(ICEDescription(media: override, session: session(override, attributes: sdp.attributes))?.ufrag == "Wxyz")
    }

    @Test func withoutValidCredentialsThePeerHasNoICE() {
        let plain = MediaDescription(media: "audio", port: 5000, proto: .rtpAVP, formats: ["0"])
        #expect(ICEDescription(media: plain, session: session(plain)) == nil)
        var short = plain
        short.attributes = [.iceUfrag("ab"), .icePwd("0123456789abcdefghijkl")]
        #expect(ICEDescription(media: short, session: session(short)) == nil)
        var badChars = plain
        badChars.attributes = [.iceUfrag("abcd"), .icePwd("0123456789abcdefghijk:")]
        #expect(ICEDescription(media: badChars, session: session(badChars)) == nil)
    }

    @Test func remoteCandidatesParsingStopsAtGarbage() {
        let parsed = ICEDescription.parseRemoteCandidates("1 192.0.2.1 5000 2 2001:db8::1 5001 3 nonsense 7 1")
        #expect(parsed == [.init(component: 1, address: ta("192.0.2.1:5000")), .init(component: 2, address: ta("[2001:db8::1]:5001"))])
        #expect(ICEDescription.parseRemoteCandidates("").isEmpty)
        #expect(ICEDescription.parseRemoteCandidates("0 192.0.2.1 5000").isEmpty)
    }
}
