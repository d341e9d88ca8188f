import Testing
@testable import SDP

@Suite struct ReadAnswerTests {
    static let offerText = """
        v=0\r
        o=- 10 10 IN IP4 192.0.2.10\r
        s=-\r
        c=IN IP4 192.0.2.10\r
        t=0 0\r
        m=audio 4000 RTP/AVP 111 0 8 101\r
        a=rtpmap:111 opus/48000/2\r
        a=rtpmap:0 PCMU/8000\r
        a=rtpmap:8 PCMA/8000\r
        a=rtpmap:101 telephone-event/8000\r
        a=rtcp-mux\r
        m=video 0 RTP/AVP 96\r
        a=rtpmap:96 VP8/90000\r

        """

    static func answer(_ audio: String, video: String = "m=video 0 RTP/AVP 96\r\n", session: String = "c=IN IP4 198.51.100.5\r\n") -> String {
        "v=0\r\no=- 20 20 IN IP4 198.51.100.5\r\ns=-\r\n\(session)t=0 0\r\n\(audio)\(video)"
    }

    static func read(_ answer: String) throws(NegotiationError) -> [NegotiatedStream] {
        guard let offer = try? SessionDescription.parse(offerText), let a = try? SessionDescription.parse(answer) else {
            Issue.record("test input does not parse")
            return []
        }
        return try OfferAnswer.readAnswer(a, to: offer)
    }

    @Test func peersPayloadTypesAddressAndEvents() throws {
        let s = try Self.read(Self.answer("m=audio 6000 RTP/AVP 96 8 100\r\na=rtpmap:96 OPUS/48000/2\r\na=rtpmap:100 telephone-event/8000\r\na=ptime:40\r\n"))
        #expect(s[0].codecs == [NegotiatedCodec(payloadType: 96, name: "OPUS", clockRate: 48000, channels: 2),
                                NegotiatedCodec(payloadType: 8, name: "PCMA", clockRate: 8000)])
        #expect(s[0].telephoneEvent?.payloadType == 100)
        #expect(s[0].remoteAddress == "198.51.100.5" && s[0].remotePort == 6000)
        #expect(s[0].remoteRTCP == .address("198.51.100.5", port: 6001))
        #expect(s[0].remotePtime == 40)
        #expect(s[0].direction == .sendrecv)
        #expect(!s[1].accepted)
    }

    @Test func mediaLevelConnectionWins() throws {
        let s = try Self.read(Self.answer("m=audio 6000 RTP/AVP 0\r\nc=IN IP4 203.0.113.9\r\n"))
        #expect(s[0].remoteAddress == "203.0.113.9")
    }

    /// (answer's audio section, expected RTCP destination)
    static let rtcpCases: [(String, RTCPDestination?)] = [
        ("m=audio 6000 RTP/AVP 0\r\na=rtcp-mux\r\n", .muxed),
        ("m=audio 6000 RTP/AVP 0\r\na=rtcp:7000\r\n", .address("198.51.100.5", port: 7000)),
        ("m=audio 6000 RTP/AVP 0\r\na=rtcp:7000 IN IP4 203.0.113.1\r\n", .address("203.0.113.1", port: 7000)),
        ("m=audio 6000 RTP/AVP 0\r\n", .address("198.51.100.5", port: 6001)),
        ("m=audio 65535 RTP/AVP 0\r\n", nil),
    ]

    @Test(arguments: rtcpCases.indices) func rtcpDestination(index: Int) throws {
        #expect(try Self.read(Self.answer(Self.rtcpCases[index].0))[0].remoteRTCP == Self.rtcpCases[index].1)
    }

    /// (answer's direction line and connection, our resulting direction) for our sendrecv offer.
    static let directionCases: [(String, String, Direction)] = [
        ("", "198.51.100.5", .sendrecv),
        ("a=sendrecv\r\n", "198.51.100.5", .sendrecv),
        ("a=recvonly\r\n", "198.51.100.5", .sendonly),
        ("a=sendonly\r\n", "198.51.100.5", .recvonly),
        ("a=inactive\r\n", "198.51.100.5", .inactive),
        ("", "0.0.0.0", .recvonly),
        ("a=recvonly\r\n", "0.0.0.0", .inactive),
    ]

    @Test(arguments: directionCases.indices) func direction(index: Int) throws {
        let (line, address, expected) = Self.directionCases[index]
        let s = try Self.read(Self.answer("m=audio 6000 RTP/AVP 0\r\n" + line, session: "c=IN IP4 \(address)\r\n"))
        #expect(s[0].direction == expected)
    }

    /// (answer, error)
    static let invalid: [(String, NegotiationError)] = [
        (answer("m=audio 6000 RTP/AVP 0\r\n", video: ""), .mediaCountMismatch(offered: 2, answered: 1)),
        (answer("m=audio 6000 RTP/AVP 0\r\n", video: "m=video 0 RTP/AVP 96\r\nm=audio 0 RTP/AVP 0\r\n"),
         .mediaCountMismatch(offered: 2, answered: 3)),
        (answer("m=video 6000 RTP/AVP 0\r\n", video: "m=audio 0 RTP/AVP 96\r\n"),
         .mediaTypeMismatch(index: 0, offered: "audio", answered: "video")),
        (answer("m=audio 6000 RTP/AVP 0 18\r\n"), .codecNotOffered(index: 0, format: "18")),
        (answer("m=audio 6000 RTP/AVP 97\r\na=rtpmap:97 speex/16000\r\n"), .codecNotOffered(index: 0, format: "97")),
        (answer("m=audio 6000 RTP/AVP 0 102\r\na=rtpmap:102 telephone-event/48000\r\n"), .codecNotOffered(index: 0, format: "102")),
        (answer("m=audio 6000 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000\r\n"), .noCodec(index: 0)),
        (answer("m=audio 6000 RTP/AVP 0\r\n", video: "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n"),
         .rejectedStreamAccepted(index: 1)),
        (answer("m=audio 6000 RTP/AVP 0\r\n", session: ""), .missingConnection(index: 0)),
    ]

    @Test(arguments: invalid.indices) func invalidAnswers(index: Int) {
        let (text, expected) = Self.invalid[index]
        #expect(throws: expected) { try Self.read(text) }
    }

    @Test func sdesAnswers() throws {
        let offer = try SessionDescription.parse(Samples.crlf(Samples.srtpOffer))
        let head = "v=0\r\no=- 2 2 IN IP4 198.51.100.5\r\ns=-\r\nc=IN IP4 198.51.100.5\r\nt=0 0\r\nm=audio 6000 RTP/SAVP 0\r\n"
        let key = "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5"
        let good = try SessionDescription.parse(head + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 \(key)\r\n")
        let s = try OfferAnswer.readAnswer(good, to: offer)
        #expect(s[0].remoteCrypto?.tag == 2)
        #expect(s[0].localCrypto == offer.media[0].cryptos[1])
        let wrongTag = try SessionDescription.parse(head + "a=crypto:3 AES_CM_128_HMAC_SHA1_32 \(key)\r\n")
        #expect(throws: NegotiationError.cryptoNotOffered(index: 0, tag: 3)) { try OfferAnswer.readAnswer(wrongTag, to: offer) }
        let wrongSuite = try SessionDescription.parse(head + "a=crypto:2 AES_CM_128_HMAC_SHA1_80 \(key)\r\n")
        #expect(throws: NegotiationError.cryptoNotOffered(index: 0, tag: 2)) { try OfferAnswer.readAnswer(wrongSuite, to: offer) }
        let missing = try SessionDescription.parse(head)
        #expect(throws: NegotiationError.missingCrypto(index: 0)) { try OfferAnswer.readAnswer(missing, to: offer) }
    }
}
