import Testing
@testable import SDP

/// RFC 3264 §10's exchanges, produced and read by our functions.
@Suite struct RFC3264ExampleTests {
    static func parse(_ s: String) throws -> SessionDescription { try SessionDescription.parse(s) }

    static func caps(_ media: String, _ codecs: [CodecPreference], port: UInt16, direction: Direction = .sendrecv) -> MediaCapabilities {
        MediaCapabilities(media: media, port: port, codecs: codecs, telephoneEvent: nil, direction: direction)
    }

    static let h261 = CodecPreference(name: "H261", clockRate: 90000)
    static let mpv = CodecPreference(name: "MPV", clockRate: 90000)
    static let g723 = CodecPreference(name: "G723", clockRate: 8000)
    static let g729 = CodecPreference(name: "G729", clockRate: 8000)

    @Test func basicExchangeOfferIsBuiltAsPrinted() throws {
        let alice = LocalCapabilities(username: "alice", address: "host.anywhere.com", sessionName: "", media: [
            Self.caps("audio", [.pcmu], port: 49170), Self.caps("video", [Self.h261], port: 51372),
            Self.caps("video", [Self.mpv], port: 53000),
        ])
        var session = LocalSessionState(sessionID: 2_890_844_526, initialVersion: 2_890_844_526)
        #expect(OfferAnswer.makeOffer(alice, session: &session) == (try Self.parse(RFC3264Examples.basicOffer)))
    }

    @Test func basicExchangeAnswerRejectsFirstVideo() throws {
        let bob = LocalCapabilities(username: "bob", address: "host.example.com", sessionName: "", media: [
            Self.caps("audio", [.pcmu], port: 49920), Self.caps("video", [Self.mpv], port: 53000),
        ])
        var session = LocalSessionState(sessionID: 2_890_844_730, initialVersion: 2_890_844_730)
        let answer = OfferAnswer.answer(to: try Self.parse(RFC3264Examples.basicOffer), with: bob, session: &session)
        #expect(answer.sessionDescription == (try Self.parse(RFC3264Examples.basicAnswer)))
        #expect(answer.streams.map(\.accepted) == [true, false, true])
        #expect(answer.streams[0].codecs == [NegotiatedCodec(payloadType: 0, name: "PCMU", clockRate: 8000)])
        #expect(answer.streams[0].remoteAddress == "host.anywhere.com" && answer.streams[0].remotePort == 49170)
        #expect(answer.streams[0].remoteRTCP == .address("host.anywhere.com", port: 49171))
        #expect(answer.streams[2].codecs.map(\.payloadType) == [32])
        // And Alice reads it.
        let streams = try OfferAnswer.readAnswer(answer.sessionDescription, to: try Self.parse(RFC3264Examples.basicOffer))
        #expect(streams.map(\.accepted) == [true, false, true])
        #expect(streams[0].remoteAddress == "host.example.com" && streams[0].remotePort == 49920)
        #expect(streams[2].direction == .sendrecv)
    }

    @Test func bobReadsAliceReanswerWithReceiveOnlyEvents() throws {
        let streams = try OfferAnswer.readAnswer(try Self.parse(RFC3264Examples.aliceReanswer),
                                                 to: try Self.parse(RFC3264Examples.bobReoffer))
        #expect(streams.count == 4)
        #expect(streams.map(\.accepted) == [true, false, true, true])
        #expect(streams[0].remotePort == 49170 && streams[0].direction == .sendrecv)
        #expect(streams[3].codecs == [NegotiatedCodec(payloadType: 110, name: "telephone-events", clockRate: 8000)])
        #expect(streams[3].remotePort == 53122)
        // Bob offered recvonly, Alice answered sendonly: Bob only receives.
        #expect(streams[3].direction == .recvonly)
    }

    @Test func oneOfNExchange() throws {
        let aliceCaps = LocalCapabilities(username: "alice", address: "host.anywhere.com", sessionName: "", media: [
            Self.caps("audio", [.pcmu, Self.g723, Self.g729], port: 62986, direction: .inactive),
        ])
        var alice = LocalSessionState(sessionID: 2_890_844_526, initialVersion: 2_890_844_526)
        let offer = OfferAnswer.makeOffer(aliceCaps, session: &alice)
        #expect(offer == (try Self.parse(RFC3264Examples.oneOfNOffer)))

        let bobCaps = LocalCapabilities(username: "bob", address: "host.example.com", sessionName: "", media: [
            Self.caps("audio", [.pcmu, Self.g723], port: 54344),
        ])
        var bob = LocalSessionState(sessionID: 2_890_844_730, initialVersion: 2_890_844_731)
        let answer = OfferAnswer.answer(to: offer, with: bobCaps, session: &bob)
        #expect(answer.sessionDescription == (try Self.parse(RFC3264Examples.oneOfNAnswer)))
        #expect(answer.streams[0].direction == .inactive)

        let read = try OfferAnswer.readAnswer(answer.sessionDescription, to: offer)
        #expect(read[0].codecs.map(\.name) == ["PCMU", "G723"])
        #expect(read[0].direction == .inactive)

        // Alice locks down G.723; her version moves on by one.
        let reofferCaps = LocalCapabilities(username: "alice", address: "host.anywhere.com", sessionName: "", media: [
            Self.caps("audio", [Self.g723], port: 62986),
        ])
        let reoffer = OfferAnswer.makeOffer(reofferCaps, session: &alice)
        var printed = try Self.parse(RFC3264Examples.oneOfNReoffer)
        #expect(reoffer.origin == printed.origin)
        // We leave the default a=sendrecv out; otherwise identical.
        printed.media[0].attributes.removeAll { $0 == .direction(.sendrecv) }
        #expect(reoffer == printed)

        // Bob answers the RFC's re-offer (which says a=sendrecv) exactly as printed.
        let reanswer = OfferAnswer.answer(to: try Self.parse(RFC3264Examples.oneOfNReoffer), with: bobCaps, session: &bob)
        #expect(reanswer.sessionDescription == (try Self.parse(RFC3264Examples.oneOfNReanswer)))
        #expect(reanswer.streams[0].codecs.map(\.payloadType) == [4])
    }
}
