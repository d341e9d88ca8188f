import Testing
@testable import SDP

/// RFC 2198 red in offer/answer: offered once per codec clock (red/48000/2 beside Opus,
/// red/8000 beside the 8 kHz codecs), answered only when offered at the call codec's
/// clock, named in the negotiated stream and never its codec.
@Suite(.timeLimit(.minutes(1)))
struct RedundancyTests {
    static func caps(_ codecs: [CodecPreference], redundancy: Bool = true,
                     te: TelephoneEventPreference? = nil) -> LocalCapabilities {
        LocalCapabilities(address: "192.0.2.10", media: [
            MediaCapabilities(port: 4000, codecs: codecs, telephoneEvent: te, redundancy: redundancy)])
    }

    static func answer(_ offer: String, _ local: LocalCapabilities) throws -> Answer {
        var session = LocalSessionState(sessionID: 42)
        return OfferAnswer.answer(to: try SessionDescription.parse(AnswerTests.offer(offer)), with: local, session: &session)
    }

    @Test func offeredPerClockRate() throws {
        let offer = ComfortNoiseTests.offer(Self.caps([.opus, .g722, .pcmu, .pcma], te: TelephoneEventPreference()))
        let m = try #require(offer.media.first)
        #expect(m.formats == ["111", "9", "0", "8", "120", "121", "101", "96"])
        #expect(m.rtpmap(for: 120) == RTPMap(payloadType: 120, encodingName: "red", clockRate: 48000, channels: 2))
        #expect(m.rtpmap(for: 121) == RTPMap(payloadType: 121, encodingName: "red", clockRate: 8000))
        let text = offer.serialized()
        #expect(text.contains("a=fmtp:120 111/111/111\r\n"))
        #expect(text.contains("a=fmtp:121 9/9/9\r\n"))
    }

    @Test func notOfferedWhenOff() throws {
        let m = try #require(ComfortNoiseTests.offer(Self.caps([.opus, .pcmu], redundancy: false)).media.first)
        #expect(m.formats == ["111", "0"])
    }

    @Test func answeredAtTheCodecsClock() throws {
        let a = try Self.answer("m=audio 5000 RTP/AVP 111 0 63 98\r\na=rtpmap:111 opus/48000/2\r\n"
            + "a=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111\r\na=rtpmap:98 red/8000\r\n", Self.caps([.opus, .pcmu]))
        let m = a.sessionDescription.media[0]
        #expect(m.formats == ["111", "0", "63"])
        #expect(a.streams[0].redundancy == NegotiatedCodec(payloadType: 63, name: "red", clockRate: 48000, channels: 2,
                                                           fmtp: "111/111/111", remoteFmtp: "111/111"))
        #expect(a.streams[0].codecs.map(\.name) == ["opus", "PCMU"])
        #expect(a.sessionDescription.serialized().contains("a=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111/111\r\n"))
    }

    @Test func eightKilohertzRedBesidePCMU() throws {
        let a = try Self.answer("m=audio 5000 RTP/AVP 0 97\r\na=rtpmap:97 red/8000\r\na=fmtp:97 0/0\r\n", Self.caps([.pcmu]))
        #expect(a.streams[0].redundancy?.payloadType == 97)
        #expect(a.sessionDescription.media[0].formats == ["0", "97"])
    }

    @Test func refusedWhenOffOrAtAnotherClock() throws {
        let off = try Self.answer("m=audio 5000 RTP/AVP 0 97\r\na=rtpmap:97 red/8000\r\n", Self.caps([.pcmu], redundancy: false))
        #expect(off.streams[0].redundancy == nil)
        #expect(off.sessionDescription.media[0].formats == ["0"])
        let other = try Self.answer("m=audio 5000 RTP/AVP 111 97\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:97 red/8000\r\n",
                                    Self.caps([.opus]))
        #expect(other.streams[0].redundancy == nil)
        #expect(other.sessionDescription.media[0].formats == ["111"])
    }

    /// A peer offering only red has no codec: refused, never a call held in red.
    @Test func redAloneIsNoCodec() throws {
        let a = try Self.answer("m=audio 5000 RTP/AVP 97\r\na=rtpmap:97 red/8000\r\n", Self.caps([.pcmu, .pcma]))
        #expect(!a.acceptsAnything)
    }

    /// Red listed among our codecs is not offered or chosen as one.
    @Test func redInTheCodecListIsNotACodec() throws {
        let red = CodecPreference(name: "red", clockRate: 8000)
        let m = try #require(ComfortNoiseTests.offer(Self.caps([red, .pcmu], redundancy: false)).media.first)
        #expect(m.formats == ["0"])
        let a = try Self.answer("m=audio 5000 RTP/AVP 97 0\r\na=rtpmap:97 red/8000\r\n", Self.caps([red, .pcmu], redundancy: false))
        #expect(a.streams[0].codecs.map(\.name) == ["PCMU"])
    }

    // MARK: reading answers

    static func read(offering local: LocalCapabilities, answer audio: String) throws(NegotiationError) -> NegotiatedStream? {
        let offer = ComfortNoiseTests.offer(local)
        guard let a = try? SessionDescription.parse(
            "v=0\r\no=- 20 20 IN IP4 198.51.100.5\r\ns=-\r\nc=IN IP4 198.51.100.5\r\nt=0 0\r\n\(audio)") else {
            Issue.record("test input does not parse")
            return nil
        }
        return try OfferAnswer.readAnswer(a, to: offer).first
    }

    @Test func answerWithRed() throws {
        let s = try #require(try Self.read(offering: Self.caps([.opus, .pcmu]),
                                           answer: "m=audio 6000 RTP/AVP 111 120\r\na=rtpmap:111 opus/48000/2\r\n"
                                               + "a=rtpmap:120 red/48000/2\r\na=fmtp:120 111/111\r\n"))
        #expect(s.codecs.map(\.name) == ["opus"])
        #expect(s.redundancy?.payloadType == 120)
        #expect(s.redundancy?.clockRate == 48000)
    }

    /// baresip 1.0 knows no red: its answer leaves it out and the call is as without.
    @Test func answerWithoutRed() throws {
        let s = try #require(try Self.read(offering: Self.caps([.opus, .pcmu]),
                                           answer: "m=audio 6000 RTP/AVP 0\r\n"))
        #expect(s.codecs.map(\.name) == ["PCMU"])
        #expect(s.redundancy == nil)
    }

    @Test func answerWithRedAtAnotherClockIgnoresIt() throws {
        let s = try #require(try Self.read(offering: Self.caps([.opus, .pcmu]),
                                           answer: "m=audio 6000 RTP/AVP 0 120\r\na=rtpmap:120 red/48000/2\r\n"))
        #expect(s.redundancy == nil)
    }

    @Test func answerWithRedWeDidNotOfferIsRefused() {
        #expect(throws: NegotiationError.codecNotOffered(index: 0, format: "97")) {
            _ = try Self.read(offering: Self.caps([.pcmu], redundancy: false),
                              answer: "m=audio 6000 RTP/AVP 0 97\r\na=rtpmap:97 red/8000\r\n")
        }
    }

    /// Our offer answered by another pipit, and its answer read back: both name the same red.
    @Test func pipitToPipit() throws {
        let offer = ComfortNoiseTests.offer(Self.caps([.opus, .pcmu]))
        var session = LocalSessionState(sessionID: 5)
        let a = OfferAnswer.answer(to: offer, with: Self.caps([.pcmu, .opus]), session: &session)
        #expect(a.streams[0].codecs.first?.name == "PCMU")
        #expect(a.streams[0].redundancy?.payloadType == 121)
        let read = try OfferAnswer.readAnswer(a.sessionDescription, to: offer)
        #expect(read[0].redundancy?.payloadType == 121)
        #expect(read[0].codecs.first?.name == "PCMU")
    }
}
