import Testing
@testable import SDP

@Suite struct RoundTripTests {
    static let names = Samples.all.map(\.0)

    static func sample(_ name: String) -> String {
        Samples.all.first { $0.0 == name }?.1 ?? ""
    }

    @Test(arguments: names) func serializedParsesBackEqual(name: String) throws {
        let d = try SessionDescription.parse(Samples.crlf(Self.sample(name)))
        let text = d.serialized()
        #expect(try SessionDescription.parse(text) == d)
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences("\r\n", "").contains("\n"))
    }

    /// Descriptions already in canonical form come back byte for byte.
    @Test(arguments: ["asterisk", "freeswitch", "baresip", "linphone", "twinkle", "polycom", "webrtc", "srtp", "rfc8866"])
    func canonicalInputIsReproducedExactly(name: String) throws {
        let wire = Samples.crlf(Self.sample(name))
        #expect(try SessionDescription.parse(wire).serialized() == wire)
    }

    /// Cisco puts b= before t= at session level but c= inside the media: still canonical.
    @Test func ciscoIsCanonical() throws {
        let wire = Samples.crlf(Samples.cisco)
        #expect(try SessionDescription.parse(wire).serialized() == wire)
    }

    @Test func canonicalOrderIsRFC8866() throws {
        // Lines out of order at session level are accepted and written in RFC order.
        let text = "v=0\r\no=- 1 1 IN IP4 h\r\na=tool:x\r\nt=0 0\r\nc=IN IP4 10.0.0.1\r\ns=name\r\nm=audio 1 RTP/AVP 0\r\n"
        let out = try SessionDescription.parse(text).serialized()
        #expect(out == "v=0\r\no=- 1 1 IN IP4 h\r\ns=name\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\na=tool:x\r\nm=audio 1 RTP/AVP 0\r\n")
    }

    @Test func yealinkBecomesCanonicalCRLF() throws {
        let out = try SessionDescription.parse(Samples.yealinkLF).serialized()
        #expect(out.hasPrefix("v=0\r\no=- 20002 20002 IN IP4 192.168.0.103\r\ns=SDP data\r\n"))
        #expect(out.contains("a=rtpmap:101 telephone-event/8000\r\n"))
    }

    @Test func emptySessionNameRoundTrips() throws {
        let d = try SessionDescription.parse(RFC3264Examples.basicOffer)
        #expect(d.sessionName == "")
        #expect(try SessionDescription.parse(d.serialized()) == d)
    }

    @Test func builtValuesCannotInjectLines() throws {
        var d = try SessionDescription.parse(Samples.asterisk)
        d.sessionName = "evil\r\nm=video 1 RTP/AVP 0"
        let back = try SessionDescription.parse(d.serialized())
        #expect(back.media.count == 1)
        #expect(back.sessionName == "evil  m=video 1 RTP/AVP 0")
    }
}
