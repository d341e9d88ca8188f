import Testing
@testable import SDP

@Suite struct OfferTests {
    static func offer(_ media: [MediaCapabilities], address: String = "192.0.2.10") -> SessionDescription {
        var session = LocalSessionState(sessionID: 7, initialVersion: 1)
        return OfferAnswer.makeOffer(LocalCapabilities(address: address, media: media), session: &session)
    }

    @Test func staticAndDynamicPayloadTypes() throws {
        var opus = CodecPreference.opus
        opus.fmtp = "useinbandfec=1"
        let d = Self.offer([MediaCapabilities(port: 4000, codecs: [opus, .g722, .pcmu, .pcma,
                                                                   CodecPreference(name: "speex", clockRate: 16000)],
                                              ptime: 20)])
        let m = try #require(d.media.first)
        // opus at its preferred 111, static ones at their numbers, speex at the first free
        // dynamic number, then telephone-event per clock rate (48000 at 101, then 8000, 16000).
        #expect(m.formats == ["111", "9", "0", "8", "96", "101", "97", "98"])
        #expect(m.rtpmap(for: 111) == RTPMap(payloadType: 111, encodingName: "opus", clockRate: 48000, channels: 2))
        #expect(m.formatParameters(for: "111")?.rawParameters == "useinbandfec=1")
        #expect(m.rtpmap(for: 101)?.clockRate == 48000)
        #expect(m.rtpmap(for: 97) == RTPMap(payloadType: 97, encodingName: "telephone-event", clockRate: 8000))
        #expect(m.rtpmap(for: 98)?.clockRate == 16000)
        #expect(m.formatParameters(for: "97")?.rawParameters == "0-16")
        #expect(m.ptime == 20)
        #expect(m.direction == nil)
        #expect(d.connection == Connection(address: "192.0.2.10"))
        #expect(d.origin.sessionID == 7 && d.origin.sessionVersion == 1)
        #expect(try SessionDescription.parse(d.serialized()) == d)
    }

    @Test func preferredNumberTakenFallsBackToFreeOne() {
        let a = CodecPreference(name: "X", clockRate: 8000, preferredPayloadType: 100)
        let b = CodecPreference(name: "Y", clockRate: 8000, preferredPayloadType: 100)
        let m = Self.offer([MediaCapabilities(port: 4000, codecs: [a, b], telephoneEvent: nil)]).media[0]
        #expect(m.formats == ["100", "96"])
    }

    @Test func directionMuxAndPassThrough() throws {
        let crypto = CryptoAttribute(tag: 1, suite: "AES_CM_128_HMAC_SHA1_80",
                                     keyParameters: [.init(keySalt: "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR")])
        let d = Self.offer([MediaCapabilities(protocols: [.rtpSAVP], port: 4000, codecs: [.pcmu], direction: .sendonly,
                                              rtcpMux: true, attributes: [.crypto(crypto), .iceUfrag("u1"), .icePwd("p1")])])
        let m = d.media[0]
        #expect(m.proto == .rtpSAVP)
        #expect(m.direction == .sendonly)
        #expect(m.hasRTCPMux)
        #expect(m.cryptos == [crypto])
        #expect(d.iceCredentials(for: m)! == ("u1", "p1"))
    }

    @Test func videoGetsNoTelephoneEvent() {
        let m = Self.offer([MediaCapabilities(media: "video", port: 5000, codecs: [CodecPreference(name: "VP8", clockRate: 90000)])]).media[0]
        #expect(m.formats == ["96"])
    }

    @Test func noCodecsMeansDisabledStream() {
        let m = Self.offer([MediaCapabilities(port: 5000, codecs: [])]).media[0]
        #expect(m.port == 0 && m.formats == ["0"])
    }

    @Test func offerAnswerRoundTrip() throws {
        // Our offer, answered by a peer with other preferences, read back by us.
        let mine = LocalCapabilities(address: "192.0.2.10", media: [MediaCapabilities(port: 4000, codecs: [.opus, .pcmu, .pcma])])
        let theirs = LocalCapabilities(address: "198.51.100.5", media: [MediaCapabilities(port: 6000, codecs: [.pcma, .opus])])
        var a = LocalSessionState(sessionID: 1), b = LocalSessionState(sessionID: 2)
        let offer = OfferAnswer.makeOffer(mine, session: &a)
        let answer = OfferAnswer.answer(to: offer, with: theirs, session: &b)
        let streams = try OfferAnswer.readAnswer(answer.sessionDescription, to: offer)
        #expect(streams[0].codecs.map(\.name) == ["PCMA", "opus"])
        #expect(streams[0].telephoneEvent?.clockRate == 8000)
        #expect(streams[0].remoteAddress == "198.51.100.5" && streams[0].remotePort == 6000)
        #expect(answer.streams[0].remoteAddress == "192.0.2.10" && answer.streams[0].remotePort == 4000)
        #expect(streams[0].codecs == answer.streams[0].codecs)
    }
}
