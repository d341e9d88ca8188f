import Testing
@testable import SDP

/// Every sample offer, answered with several capability sets: the answer is well formed,
/// and reading it back against the offer agrees with what the answerer decided.
@Suite(.timeLimit(.minutes(1))) struct ConsistencyTests {
    static let capabilitySets: [[MediaCapabilities]] = [
        [MediaCapabilities(port: 4000, codecs: [.pcmu, .pcma], comfortNoise: true)],
        [MediaCapabilities(protocols: [.rtpAVP, .udpTLSRTPSAVPF], port: 4000, codecs: [.opus, .g722, .pcma], rtcpMux: true,
                           comfortNoise: true)],
        [MediaCapabilities(port: 4000, codecs: [.g722], telephoneEvent: nil, direction: .sendonly),
         MediaCapabilities(media: "video", port: 4002, codecs: [CodecPreference(name: "H261", clockRate: 90000)])],
        [MediaCapabilities(protocols: [.rtpSAVP], port: 4000, codecs: [.pcmu, .opus], direction: .inactive,
                           attributes: [.crypto(AnswerTests.key80)])],
    ]

    @Test(arguments: Samples.all.map(\.0), capabilitySets.indices)
    func answerIsReadableByTheOfferer(sample: String, capsIndex: Int) throws {
        let offer = try SessionDescription.parse(RoundTripTests.sample(sample))
        let local = LocalCapabilities(address: "192.0.2.1", media: Self.capabilitySets[capsIndex])
        var session = LocalSessionState(sessionID: 5)
        let answer = OfferAnswer.answer(to: offer, with: local, session: &session)
        let d = answer.sessionDescription

        #expect(d.media.count == offer.media.count)
        #expect(d.media.map(\.media) == offer.media.map(\.media))
        #expect(try SessionDescription.parse(d.serialized()) == d)
        for (m, s) in zip(d.media, answer.streams) {
            #expect(m.isRejected == !s.accepted)
            #expect(!m.formats.isEmpty)
        }

        let read = try OfferAnswer.readAnswer(d, to: offer)
        #expect(read.map(\.accepted) == answer.streams.map(\.accepted))
        for (theirView, ourView) in zip(read, answer.streams) where ourView.accepted {
            #expect(theirView.codecs.map(\.payloadType) == ourView.codecs.map(\.payloadType))
            #expect(theirView.telephoneEvent?.payloadType == ourView.telephoneEvent?.payloadType)
            #expect(theirView.comfortNoise?.payloadType == ourView.comfortNoise?.payloadType)
            #expect(!ourView.codecs.contains { $0.name.uppercased() == "CN" })
            // What the offerer may do is the mirror of what we answered.
            #expect(theirView.direction == ourView.direction.reversed)
            #expect(theirView.remotePort == 4000 || theirView.remotePort == 4002)
            #expect(theirView.localCrypto == ourView.remoteCrypto)
        }
    }

    @Test func sessionLevelDirectionIsAnsweredPerMedia() throws {
        let offer = try SessionDescription.parse(Samples.polycom)
        var session = LocalSessionState(sessionID: 5)
        let local = LocalCapabilities(address: "192.0.2.1", media: [MediaCapabilities(port: 4000, codecs: [.g722])])
        let answer = OfferAnswer.answer(to: offer, with: local, session: &session)
        #expect(answer.sessionDescription.media[0].direction == .sendrecv)
        #expect(answer.sessionDescription.media[0].formats == ["9", "127"])
    }
}
