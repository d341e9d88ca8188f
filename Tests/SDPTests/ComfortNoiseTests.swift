import Testing
@testable import SDP

/// RFC 3389 comfort noise in offer/answer: offered beside 8 kHz codecs, answered when
/// offered at 8000, named in the negotiated stream, never the call's codec.
@Suite(.timeLimit(.minutes(1)))
struct ComfortNoiseTests {
    static func caps(_ codecs: [CodecPreference], comfortNoise: Bool = true,
                     te: TelephoneEventPreference? = TelephoneEventPreference()) -> LocalCapabilities {
        LocalCapabilities(address: "192.0.2.10", media: [
            MediaCapabilities(port: 4000, codecs: codecs, telephoneEvent: te, comfortNoise: comfortNoise)])
    }

    static func offer(_ local: LocalCapabilities) -> SessionDescription {
        var session = LocalSessionState(sessionID: 7, initialVersion: 1)
        return OfferAnswer.makeOffer(local, session: &session)
    }

    static func answer(_ offer: String, _ local: LocalCapabilities) throws -> Answer {
        var session = LocalSessionState(sessionID: 42)
        return OfferAnswer.answer(to: try SessionDescription.parse(AnswerTests.offer(offer)), with: local, session: &session)
    }

    // MARK: offers

    /// (our codecs, expected formats): CN at 13 after the codecs, before telephone-event,
    /// only when a codec runs at the 8 kHz clock.
    static let offers: [([CodecPreference], [String])] = [
        ([.pcmu], ["0", "13", "101"]),
        ([.pcma, .pcmu], ["8", "0", "13", "101"]),
        ([.g722], ["9", "13", "101"]),
        ([.opus, .pcmu], ["111", "0", "13", "101", "96"]),
        ([.opus], ["111", "101"]),
        ([CodecPreference(name: "speex", clockRate: 16000)], ["96", "101"]),
    ]

    @Test(arguments: offers.indices) func offeredBesideEightKilohertzCodecs(index: Int) throws {
        let (codecs, formats) = Self.offers[index]
        let m = try #require(Self.offer(Self.caps(codecs)).media.first)
        #expect(m.formats == formats)
        let text = Self.offer(Self.caps(codecs)).serialized()
        #expect(text.contains("a=rtpmap:13 CN/8000\r\n") == formats.contains("13"))
    }

    @Test func offeredOnlyWhenAskedFor() throws {
        let m = try #require(Self.offer(Self.caps([.pcmu, .pcma], comfortNoise: false)).media.first)
        #expect(m.formats == ["0", "8", "101"])
        #expect(m.rtpmap(for: 13) == nil)
    }

    @Test func exactMediaSection() throws {
        let text = Self.offer(Self.caps([.pcmu], te: nil)).serialized()
        #expect(text.hasSuffix("m=audio 4000 RTP/AVP 0 13\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:13 CN/8000\r\n"))
        #expect(try SessionDescription.parse(text) == Self.offer(Self.caps([.pcmu], te: nil)))
    }

    @Test func comfortNoiseListedAsACodecIsNeverOfferedAsOne() throws {
        let m = try #require(Self.offer(Self.caps([.comfortNoise], comfortNoise: false)).media.first)
        #expect(m.port == 0 && m.formats == ["0"], "a stream with only CN has no codec")
        let both = try #require(Self.offer(Self.caps([.comfortNoise, .pcmu], comfortNoise: false)).media.first)
        #expect(both.formats == ["0", "101"])
    }

    // MARK: answers

    @Test func answeredWhenOfferedAndAllowed() throws {
        let a = try Self.answer("m=audio 5000 RTP/AVP 0 8 13 101\r\na=rtpmap:101 telephone-event/8000\r\n", Self.caps([.pcma, .pcmu]))
        let m = a.sessionDescription.media[0]
        #expect(m.formats == ["8", "0", "13", "101"])
        #expect(m.rtpmap(for: 13) == RTPMap(payloadType: 13, encodingName: "CN", clockRate: 8000))
        #expect(a.streams[0].comfortNoise == NegotiatedCodec(payloadType: 13, name: "CN", clockRate: 8000))
        #expect(a.streams[0].codecs.map(\.payloadType) == [8, 0])
    }

    @Test func notAnsweredWhenNotOffered() throws {
        let a = try Self.answer("m=audio 5000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n", Self.caps([.pcmu]))
        #expect(a.sessionDescription.media[0].formats == ["0", "101"])
        #expect(a.streams[0].comfortNoise == nil)
    }

    @Test func notAnsweredWhenNotAllowed() throws {
        let a = try Self.answer("m=audio 5000 RTP/AVP 0 13\r\n", Self.caps([.pcmu], comfortNoise: false))
        #expect(a.sessionDescription.media[0].formats == ["0"])
        #expect(a.sessionDescription.media[0].rtpmap(for: 13) == nil)
        #expect(a.streams[0].comfortNoise == nil)
    }

    @Test func comfortNoiseAloneIsRefused() throws {
        let a = try Self.answer("m=audio 5000 RTP/AVP 13\r\na=rtpmap:13 CN/8000\r\n", Self.caps([.pcmu, .comfortNoise]))
        #expect(!a.acceptsAnything)
        #expect(a.sessionDescription.media[0].port == 0)
    }

    @Test func comfortNoiseInOurCodecListIsNotChosenAsTheCodec() throws {
        let a = try Self.answer("m=audio 5000 RTP/AVP 13 0\r\n", Self.caps([.comfortNoise, .pcmu]))
        #expect(a.streams[0].codecs.map(\.name) == ["PCMU"])
        #expect(a.streams[0].comfortNoise?.payloadType == 13)
        #expect(a.sessionDescription.media[0].formats == ["0", "13"])
    }

    /// A peer's CN at a dynamic number with the 8000 clock is honoured under that number.
    @Test func dynamicPayloadTypeHonoured() throws {
        let a = try Self.answer("m=audio 5000 RTP/AVP 0 97\r\na=rtpmap:97 CN/8000\r\n", Self.caps([.pcmu], te: nil))
        #expect(a.streams[0].comfortNoise == NegotiatedCodec(payloadType: 97, name: "CN", clockRate: 8000))
        #expect(a.sessionDescription.media[0].formats == ["0", "97"])
        #expect(a.sessionDescription.media[0].rtpmap(for: 97)?.encodingName == "CN")
    }

    /// CN at another clock (wideband CN/16000, or CN/8000 beside a 48 kHz codec) cannot
    /// fill that codec's silences: left out.
    @Test func otherClocksIgnored() throws {
        let wide = try Self.answer("m=audio 5000 RTP/AVP 0 98\r\na=rtpmap:98 CN/16000\r\n", Self.caps([.pcmu], te: nil))
        #expect(wide.streams[0].comfortNoise == nil)
        #expect(wide.sessionDescription.media[0].formats == ["0"])
        let opus = try Self.answer("m=audio 5000 RTP/AVP 111 0 13\r\na=rtpmap:111 opus/48000/2\r\n",
                                   Self.caps([.opus, .pcmu], te: nil))
        #expect(opus.streams[0].codecs.first?.name == "opus")
        #expect(opus.streams[0].comfortNoise == nil)
        #expect(opus.sessionDescription.media[0].formats == ["111", "0"])
    }

    // MARK: reading answers

    static func read(offering local: LocalCapabilities, answer audio: String) throws(NegotiationError) -> NegotiatedStream? {
        let offer = Self.offer(local)
        guard let a = try? SessionDescription.parse(
            "v=0\r\no=- 20 20 IN IP4 198.51.100.5\r\ns=-\r\nc=IN IP4 198.51.100.5\r\nt=0 0\r\n\(audio)") else {
            Issue.record("test input does not parse")
            return nil
        }
        return try OfferAnswer.readAnswer(a, to: offer).first
    }

    @Test func answerWithComfortNoise() throws {
        let s = try #require(try Self.read(offering: Self.caps([.pcmu, .pcma]), answer: "m=audio 6000 RTP/AVP 0 13\r\n"))
        #expect(s.codecs.map(\.payloadType) == [0])
        #expect(s.comfortNoise == NegotiatedCodec(payloadType: 13, name: "CN", clockRate: 8000))
    }

    @Test func answerWithoutComfortNoise() throws {
        let s = try #require(try Self.read(offering: Self.caps([.pcmu]), answer: "m=audio 6000 RTP/AVP 0 101\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"))
        #expect(s.comfortNoise == nil)
        #expect(s.telephoneEvent?.payloadType == 101)
    }

    /// The peer sends CN under the number we offered, whatever number it answers with.
    @Test func answersNumberForComfortNoiseIsOurs() throws {
        let s = try #require(try Self.read(offering: Self.caps([.pcmu]), answer: "m=audio 6000 RTP/AVP 0 100\r\n"
            + "a=rtpmap:100 CN/8000\r\n"))
        #expect(s.comfortNoise?.payloadType == 13)
    }

    @Test func answerWithComfortNoiseAloneHasNoCodec() {
        #expect(throws: NegotiationError.noCodec(index: 0)) {
            _ = try Self.read(offering: Self.caps([.pcmu]), answer: "m=audio 6000 RTP/AVP 13\r\n")
        }
    }

    @Test func answerWithComfortNoiseBesideOpusIgnoresIt() throws {
        let s = try #require(try Self.read(offering: Self.caps([.opus, .pcmu]),
                                           answer: "m=audio 6000 RTP/AVP 111 13\r\na=rtpmap:111 opus/48000/2\r\n"))
        #expect(s.codecs.map(\.name) == ["opus"])
        #expect(s.comfortNoise == nil)
    }

    @Test func answerWithComfortNoiseWeDidNotOfferIsRefused() {
        #expect(throws: NegotiationError.codecNotOffered(index: 0, format: "13")) {
            _ = try Self.read(offering: Self.caps([.pcmu], comfortNoise: false), answer: "m=audio 6000 RTP/AVP 0 13\r\n")
        }
    }
}

/// A real offer that carries CN (FreeSWITCH's), answered and read back.
@Suite(.timeLimit(.minutes(1)))
struct ComfortNoiseSampleTests {
    @Test func freeSWITCHOfferWithG722First() throws {
        let offer = try SessionDescription.parse(Samples.freeswitch)
        let local = ComfortNoiseTests.caps([.g722, .pcmu])
        var session = LocalSessionState(sessionID: 5)
        let a = OfferAnswer.answer(to: offer, with: local, session: &session)
        #expect(a.sessionDescription.media[0].formats == ["9", "0", "13", "101"])
        #expect(a.streams[0].comfortNoise?.payloadType == 13)
        let read = try OfferAnswer.readAnswer(a.sessionDescription, to: offer)
        #expect(read[0].comfortNoise?.payloadType == 13)
    }
}
