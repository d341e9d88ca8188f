import Testing
@testable import SDP

/// Answering offers: codec choice, telephone-event, rejection, SRTP.
@Suite struct AnswerTests {
    static let me = "192.0.2.99"

    static func local(_ codecs: [CodecPreference], te: TelephoneEventPreference? = TelephoneEventPreference(),
                      direction: Direction = .sendrecv, protocols: [TransportProtocol] = [.rtpAVP],
                      rtcpMux: Bool = false, attributes: [SDPAttribute] = []) -> LocalCapabilities {
        LocalCapabilities(address: me, media: [MediaCapabilities(
            protocols: protocols, port: 40000, codecs: codecs, telephoneEvent: te, direction: direction,
            rtcpMux: rtcpMux, attributes: attributes)])
    }

    static func answer(_ offer: String, _ local: LocalCapabilities) throws -> Answer {
        var session = LocalSessionState(sessionID: 42)
        return OfferAnswer.answer(to: try SessionDescription.parse(offer), with: local, session: &session)
    }

    static func offer(_ mline: String, _ lines: String = "") -> String {
        "v=0\r\no=- 1 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n\(mline)\r\n\(lines)"
    }

    /// (our codecs, expected answer formats) against Linphone's offer
    /// `96 opus, 97 SILK, 98 speex, 0, 8, 18, 101 te/48000, 99 te/16000, 100 te/8000`.
    static let intersection: [([CodecPreference], [String])] = [
        ([.pcma, .pcmu, .opus], ["8", "0", "96", "100"]),
        ([.opus, .pcmu], ["96", "0", "101"]),
        ([CodecPreference(name: "speex", clockRate: 16000), .pcmu], ["98", "0", "99"]),
        ([CodecPreference(name: "G729", clockRate: 8000)], ["18", "100"]),
        ([.g722, .pcmu], ["0", "100"]),
    ]

    @Test(arguments: intersection.indices) func codecsInOurOrderAtTheirNumbers(index: Int) throws {
        let (codecs, formats) = Self.intersection[index]
        let a = try Self.answer(Samples.crlf(Samples.linphoneICE), Self.local(codecs))
        let m = a.sessionDescription.media[0]
        #expect(m.formats == formats)
        #expect(m.port == 40000)
        #expect(a.streams[0].codecs.map { String($0.payloadType) } + (a.streams[0].telephoneEvent.map { [String($0.payloadType)] } ?? [])
                == formats)
        // Every format in the answer is described.
        for f in formats { #expect(m.codec(for: f) != nil) }
    }

    @Test func dynamicPayloadTypeFollowsTheOffer() throws {
        let a = try Self.answer(Self.offer("m=audio 5000 RTP/AVP 120 0", "a=rtpmap:120 OPUS/48000/2\r\n"), Self.local([.opus]))
        #expect(a.sessionDescription.media[0].formats == ["120"])
        #expect(a.streams[0].codecs == [NegotiatedCodec(payloadType: 120, name: "OPUS", clockRate: 48000, channels: 2)])
    }

    @Test func staticPayloadTypesWithoutRtpmap() throws {
        let a = try Self.answer(Self.offer("m=audio 5000 RTP/AVP 0 8 9"), Self.local([.g722, .pcma], te: nil))
        #expect(a.sessionDescription.media[0].formats == ["9", "8"])
        #expect(a.sessionDescription.media[0].rtpmap(for: 9)?.encodingName == "G722")
    }

    @Test func namesMatchWithoutCaseButChannelsAndRatesMust() throws {
        let lower = try Self.answer(Self.offer("m=audio 5000 RTP/AVP 96", "a=rtpmap:96 pcmu/8000\r\n"), Self.local([.pcmu]))
        #expect(lower.sessionDescription.media[0].formats == ["96"])
        let mono = try Self.answer(Self.offer("m=audio 5000 RTP/AVP 96", "a=rtpmap:96 opus/48000\r\n"), Self.local([.opus]))
        #expect(mono.sessionDescription.media[0].isRejected)
        let rate = try Self.answer(Self.offer("m=audio 5000 RTP/AVP 96", "a=rtpmap:96 speex/32000\r\n"),
                                   Self.local([CodecPreference(name: "speex", clockRate: 16000)]))
        #expect(rate.sessionDescription.media[0].isRejected)
    }

    @Test func ourFmtpElseTheirs() throws {
        let offer = Self.offer("m=audio 5000 RTP/AVP 96 18", "a=rtpmap:96 opus/48000/2\r\na=fmtp:96 useinbandfec=1\r\na=fmtp:18 annexb=no\r\n")
        var opus = CodecPreference.opus
        opus.fmtp = "useinbandfec=1;stereo=0"
        let a = try Self.answer(offer, Self.local([opus, CodecPreference(name: "G729", clockRate: 8000)], te: nil))
        #expect(a.sessionDescription.media[0].formatParameters(for: "96")?.rawParameters == "useinbandfec=1;stereo=0")
        #expect(a.sessionDescription.media[0].formatParameters(for: "18")?.rawParameters == "annexb=no")
    }

    @Test func telephoneEvent() throws {
        let offer = Self.offer("m=audio 5000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n")
        let both = try Self.answer(offer, Self.local([.pcmu]))
        #expect(both.streams[0].telephoneEvent == NegotiatedCodec(payloadType: 101, name: "telephone-event", clockRate: 8000, fmtp: "0-16"))
        #expect(both.sessionDescription.media[0].formatParameters(for: "101")?.rawParameters == "0-16")
        let weDoNot = try Self.answer(offer, Self.local([.pcmu], te: nil))
        #expect(weDoNot.sessionDescription.media[0].formats == ["0"])
        #expect(weDoNot.streams[0].telephoneEvent == nil)
        let theyDoNot = try Self.answer(Self.offer("m=audio 5000 RTP/AVP 0"), Self.local([.pcmu]))
        #expect(theyDoNot.sessionDescription.media[0].formats == ["0"])
        // Only events cannot carry a call.
        let onlyEvents = try Self.answer(Self.offer("m=audio 5000 RTP/AVP 101", "a=rtpmap:101 telephone-event/8000\r\n"), Self.local([.pcmu]))
        #expect(onlyEvents.sessionDescription.media[0].isRejected)
        // No event clock matches: the 8 kHz one is still preferred to the first.
        let odd = try Self.answer(Self.offer("m=audio 5000 RTP/AVP 96 102 101",
            "a=rtpmap:96 opus/48000/2\r\na=rtpmap:102 telephone-event/16000\r\na=rtpmap:101 telephone-event/8000\r\n"),
            Self.local([.opus]))
        #expect(odd.streams[0].telephoneEvent?.payloadType == 101)
    }

    @Test func rejectionKeepsMLineCountAndOrder() throws {
        let a = try Self.answer(Samples.crlf(Samples.webRTC),
                                Self.local([.opus], protocols: [.udpTLSRTPSAVPF], rtcpMux: true))
        #expect(a.sessionDescription.media.count == 3)
        #expect(a.sessionDescription.media.map(\.media) == ["audio", "video", "application"])
        #expect(a.sessionDescription.media.map(\.port) == [40000, 0, 0])
        #expect(a.sessionDescription.media[1].formats == ["96", "97"])
        #expect(a.sessionDescription.media[2].formats == ["webrtc-datachannel"])
        #expect(a.sessionDescription.media.map(\.mid) == ["0", "1", "2"])
        #expect(a.sessionDescription.media[0].hasRTCPMux)
        #expect(a.streams[0].remoteRTCP == .muxed)
        #expect(a.acceptsAnything)
        // The answer is itself a valid description.
        #expect(try SessionDescription.parse(a.sessionDescription.serialized()) == a.sessionDescription)
    }

    @Test func nothingInCommon() throws {
        let a = try Self.answer(Self.offer("m=audio 5000 RTP/AVP 18"), Self.local([.pcmu]))
        #expect(!a.acceptsAnything)
        #expect(a.sessionDescription.media[0] == MediaDescription(media: "audio", port: 0, proto: .rtpAVP, formats: ["18"]))
    }

    @Test func secondStreamOfAKindAndDisabledStreamsAreRejected() throws {
        let offer = Self.offer("m=audio 5000 RTP/AVP 0", "m=audio 5002 RTP/AVP 0\r\nm=audio 0 RTP/AVP 0\r\nm=video 5004 RTP/AVP 31\r\n")
        let a = try Self.answer(offer, Self.local([.pcmu]))
        #expect(a.sessionDescription.media.map(\.port) == [40000, 0, 0, 0])
    }

    @Test func disabledStreamFirstLeavesRoomForTheNext() throws {
        let a = try Self.answer(Self.offer("m=audio 0 RTP/AVP 0", "m=audio 5002 RTP/AVP 0\r\n"), Self.local([.pcmu]))
        #expect(a.sessionDescription.media.map(\.port) == [0, 40000])
        #expect(a.streams[1].remotePort == 5002)
    }

    @Test func protocolMustBeOneWeAccept() throws {
        let srtp = Samples.crlf(Samples.srtpOffer)
        #expect(try Self.answer(srtp, Self.local([.pcmu])).sessionDescription.media[0].isRejected)
    }

    static let key80 = CryptoAttribute(tag: 9, suite: "AES_CM_128_HMAC_SHA1_80",
                                       keyParameters: [.init(keySalt: "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz")])
    static let key32 = CryptoAttribute(tag: 9, suite: "AES_CM_128_HMAC_SHA1_32",
                                       keyParameters: [.init(keySalt: "QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5")])

    @Test func sdesTakesTheOfferersFirstSuiteWeHave() throws {
        let srtp = Samples.crlf(Samples.srtpOffer)
        let both = try Self.answer(srtp, Self.local([.pcmu], protocols: [.rtpSAVP], attributes: [.crypto(Self.key32), .crypto(Self.key80)]))
        var expected = Self.key80
        expected.tag = 1
        #expect(both.sessionDescription.media[0].cryptos == [expected])
        #expect(both.streams[0].localCrypto == expected)
        #expect(both.streams[0].remoteCrypto?.tag == 1)

        let only32 = try Self.answer(srtp, Self.local([.pcmu], protocols: [.rtpSAVP], attributes: [.crypto(Self.key32)]))
        #expect(only32.sessionDescription.media[0].cryptos.map(\.tag) == [2])
        #expect(only32.sessionDescription.media[0].cryptos.first?.suite == "AES_CM_128_HMAC_SHA1_32")

        let none = try Self.answer(srtp, Self.local([.pcmu], protocols: [.rtpSAVP],
            attributes: [.crypto(CryptoAttribute(tag: 1, suite: "AEAD_AES_256_GCM", keyParameters: Self.key80.keyParameters))]))
        #expect(none.sessionDescription.media[0].isRejected)

        // Best-effort SRTP (RTP/AVP with crypto lines) falls back to plain RTP.
        let bestEffort = srtp.replacingOccurrences("RTP/SAVP", "RTP/AVP")
        let plain = try Self.answer(bestEffort, Self.local([.pcmu]))
        #expect(!plain.sessionDescription.media[0].isRejected)
        #expect(plain.sessionDescription.media[0].cryptos.isEmpty)
        let keyed = try Self.answer(bestEffort, Self.local([.pcmu], attributes: [.crypto(Self.key80)]))
        #expect(keyed.sessionDescription.media[0].cryptos.map(\.tag) == [1])
    }

    @Test func passThroughAttributesAndPtime() throws {
        let ice: [SDPAttribute] = [.iceUfrag("abcd"), .icePwd("0123456789abcdef012345"),
                                   .candidate(Candidate(foundation: "1", component: 1, priority: 2_130_706_431,
                                                        address: Self.me, port: 40000, type: .host))]
        var caps = Self.local([.pcmu], attributes: ice)
        caps.media[0].ptime = 20
        let a = try Self.answer(Self.offer("m=audio 5000 RTP/AVP 0", "a=ptime:30\r\n"), caps)
        let m = a.sessionDescription.media[0]
        #expect(m.ptime == 20)
        #expect(a.streams[0].remotePtime == 30)
        #expect(Array(m.attributes.suffix(3)) == ice)
        #expect(a.sessionDescription.connection == Connection(address: Self.me))
        #expect(a.sessionDescription.origin.sessionID == 42)
    }
}
