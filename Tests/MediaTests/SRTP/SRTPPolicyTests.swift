import Testing
import SDP
@testable import Media

/// off / optional / mandatory × the peer's offer or answer with and without keys, for
/// calls we make (offerer) and calls we take (answerer), through the real SDP
/// offer/answer functions.
@Suite(.timeLimit(.minutes(1)))
struct SRTPPolicyTests {
    enum Expect: Equatable { case inactive, plain, encrypted, refused(SRTPRefusal) }

    static func local(_ mode: SRTPMode, port: UInt16) throws -> LocalCapabilities {
        var media = MediaCapabilities(port: port, codecs: [.pcmu])
        mode.capabilities(cryptos: SDES.newCryptoAttributes()).apply(to: &media)
        return LocalCapabilities(address: "127.0.0.1", media: [media])
    }

    static func offer(_ mode: SRTPMode, port: UInt16 = 4000) throws -> SessionDescription {
        var session = LocalSessionState(sessionID: 1)
        return OfferAnswer.makeOffer(try local(mode, port: port), session: &session)
    }

    static func expect(_ decision: SRTPDecision) -> Expect {
        switch decision {
        case .inactive: .inactive
        case .plain: .plain
        case .encrypted: .encrypted
        case .refused(let why): .refused(why)
        }
    }

    @Test func capabilitiesPerMode() throws {
        let lines = SDES.newCryptoAttributes()
        #expect(SRTPMode.off.capabilities(cryptos: lines) == SRTPCapabilities(protocols: [.rtpAVP], cryptos: []))
        #expect(SRTPMode.optional.capabilities(cryptos: lines) == SRTPCapabilities(protocols: [.rtpAVP, .rtpSAVP], cryptos: lines))
        #expect(SRTPMode.mandatory.capabilities(cryptos: lines) == SRTPCapabilities(protocols: [.rtpSAVP, .rtpAVP], cryptos: lines))
        #expect(try Self.offer(.mandatory).media[0].proto == .rtpSAVP)
        #expect(try Self.offer(.optional).media[0].proto == .rtpAVP)
        #expect(try !Self.offer(.optional).media[0].cryptos.isEmpty)
        #expect(try Self.offer(.off).media[0].cryptos.isEmpty)
    }

    /// Incoming calls: the peer's offer is plain (off), best-effort (optional) or SAVP (mandatory).
    @Test(arguments: [
        (SRTPMode.off, SRTPMode.off, Expect.plain),
        (.off, .optional, .plain),
        (.off, .mandatory, .inactive),
        (.optional, .off, .plain),
        (.optional, .optional, .encrypted),
        (.optional, .mandatory, .encrypted),
        (.mandatory, .off, .refused(.peerOfferedNoKey)),
        (.mandatory, .optional, .encrypted),
        (.mandatory, .mandatory, .encrypted),
    ])
    func incomingCall(ours: SRTPMode, peer: SRTPMode, expected: Expect) throws {
        let offer = try Self.offer(peer, port: 5000)
        var session = LocalSessionState(sessionID: 2)
        let answer = OfferAnswer.answer(to: ours.usableOffer(offer), with: try Self.local(ours, port: 4000), session: &session)
        let decision = ours.decide(answer.streams[0], role: .answerer)
        #expect(Self.expect(decision) == expected)
        if expected == .encrypted {
            // The peer reads our answer and must end up with the mirror image of our keys.
            let theirs = try OfferAnswer.readAnswer(answer.sessionDescription, to: offer)
            try Self.checkMirror(decision, peer.decide(theirs[0], role: .offerer))
        }
        if peer == .mandatory, expected != .encrypted {
            let theirs = try OfferAnswer.readAnswer(answer.sessionDescription, to: offer)
            #expect(peer.decide(theirs[0], role: .offerer) == .inactive)
        }
    }

    /// Outgoing calls: our offer under each mode, answered by a peer under each mode.
    @Test(arguments: [
        (SRTPMode.off, SRTPMode.off, Expect.plain),
        (.off, .optional, .plain),
        (.off, .mandatory, .plain),
        (.optional, .off, .plain),
        (.optional, .optional, .encrypted),
        (.optional, .mandatory, .encrypted),
        (.mandatory, .off, .inactive),
        (.mandatory, .optional, .encrypted),
        (.mandatory, .mandatory, .encrypted),
    ])
    func outgoingCall(ours: SRTPMode, peer: SRTPMode, expected: Expect) throws {
        let offer = try Self.offer(ours)
        var session = LocalSessionState(sessionID: 3)
        let answer = OfferAnswer.answer(to: peer.usableOffer(offer), with: try Self.local(peer, port: 5000), session: &session)
        let streams = try OfferAnswer.readAnswer(answer.sessionDescription, to: offer)
        let decision = ours.decide(streams[0], role: .offerer)
        #expect(Self.expect(decision) == expected)
        let peers = peer.decide(answer.streams[0], role: .answerer)
        if expected == .encrypted { try Self.checkMirror(decision, peers) }
        // A mandatory peer refuses our plain offer (it would answer 488), never goes plain.
        if peer == .mandatory, ours == .off { #expect(peers == .refused(.peerOfferedNoKey)) }
        // A peer's refusal of its own offer/answer shows as a declined stream for it too.
        if expected == .inactive { #expect(!answer.acceptsAnything) }
    }

    @Test func mandatoryNeverFallsBackToPlainOnAnAnswerWithoutKey() {
        let stream = NegotiatedStream(index: 0, media: "audio", accepted: true, remotePort: 5000,
                                      direction: .sendrecv)
        #expect(SRTPMode.mandatory.decide(stream, role: .offerer) == .refused(.peerAnsweredNoKey))
        #expect(SRTPMode.mandatory.decide(stream, role: .answerer) == .refused(.peerOfferedNoKey))
        #expect(SRTPMode.optional.decide(stream, role: .offerer) == .plain)
        #expect("\(SRTPRefusal.peerOfferedNoKey)" == "the peer offered no SRTP key and this account requires SRTP")
    }

    @Test func unusableCryptoLinesAreSkippedOrRefused() throws {
        let good = SDES.newCryptoAttributes(suites: [.aesCM128HMACSHA1_80])[0]
        var mki = good
        mki.tag = 1
        mki.keyParameters[0].mki = .init(value: 1, length: 4)
        var second = good
        second.tag = 2
        var offer = try Self.offer(.off, port: 5000)
        offer.media[0].proto = .rtpSAVP
        offer.media[0].attributes += [.crypto(mki), .crypto(second)]
        var session = LocalSessionState(sessionID: 4)
        let answer = OfferAnswer.answer(to: SRTPMode.mandatory.usableOffer(offer),
                                        with: try Self.local(.mandatory, port: 4000), session: &session)
        #expect(answer.streams[0].remoteCrypto?.tag == 2)
        #expect(SRTPMode.mandatory.decide(answer.streams[0], role: .answerer).isEncrypted)

        // Used unfiltered, the MKI line is refused with its reason rather than ignored.
        var stream = answer.streams[0]
        stream.remoteCrypto = mki
        #expect(SRTPMode.optional.decide(stream, role: .answerer) == .refused(.mkiUnsupported))
        stream.remoteCrypto = CryptoAttribute(tag: 1, suite: "AES_256_CM_HMAC_SHA1_80", keyParameters: good.keyParameters)
        #expect(SRTPMode.mandatory.decide(stream, role: .answerer)
            == .refused(.suiteMismatch(ours: "AES_CM_128_HMAC_SHA1_80", theirs: "AES_256_CM_HMAC_SHA1_80")))
    }

    @Test func aReofferCarriesNewKeys() throws {
        let first = try Self.offer(.mandatory)
        let second = try Self.offer(.mandatory)
        #expect(first.media[0].cryptos.map(\.keyParameters) != second.media[0].cryptos.map(\.keyParameters))
    }

    /// Our send key is the peer's receive key and the other way round; packets pass.
    static func checkMirror(_ ours: SRTPDecision, _ theirs: SRTPDecision) throws {
        guard case .encrypted(let suite, let send, let receive) = ours,
              case .encrypted(let peerSuite, let peerSend, let peerReceive) = theirs else {
            Issue.record("not encrypted on both sides: \(ours) / \(theirs)")
            return
        }
        #expect(suite == peerSuite && send == peerReceive && receive == peerSend && send != receive)
        var packet = SRTPContextTests.rtp(seq: 1)
        let plain = packet
        try SRTPSender(key: send).protect(&packet)
        try SRTPReceiver(key: peerReceive).unprotect(&packet)
        #expect(packet == plain)
    }
}
