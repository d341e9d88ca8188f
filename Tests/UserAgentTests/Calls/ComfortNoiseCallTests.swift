import Foundation
import Media
import NIOCore
import NIOPosix
import SDP
import Synchronization
import Testing
import TestLab
@testable import UserAgent

/// RFC 3389 comfort noise from SDP to the speaker: the media engine's offers and answers
/// carry `CN/8000`, and the payload type they agree reaches the stream, which renders a
/// peer's CN packets as noise at the level they ask for.
@Suite(.timeLimit(.minutes(1)))
struct ComfortNoiseCallTests {
    static var nullAudio: AudioSettings {
        var audio = AudioSettings()
        audio.backend = .null
        return audio
    }

    /// Two cores on the media engine: each offers CN beside G.711 and each agrees to it.
    @Test func twoEngineCoresAgreeOnComfortNoise() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let alice = try await TestPhone.start("alice", media: EngineMedia(engine: engine, ports: 40000...40999, audio: Self.nullAudio))
        let bob = try await TestPhone.start("bob", media: EngineMedia(engine: engine, ports: 40000...40999, audio: Self.nullAudio))
        await alice.send(.call(target: bob.uri, account: nil))
        let ringing = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: ringing.id))
        let up = try await alice.waitForState(.established)
        _ = try await bob.waitForState(.established)
        let ours = await alice.ua.mediaSession(of: up.id)?.negotiated().first
        let theirs = await bob.ua.mediaSession(of: ringing.id)?.negotiated().first
        #expect(ours?.codecs.first?.name == "PCMU")
        #expect(ours?.comfortNoise == NegotiatedCodec(payloadType: 13, name: "CN", clockRate: 8000))
        #expect(theirs?.comfortNoise == NegotiatedCodec(payloadType: 13, name: "CN", clockRate: 8000))
        #expect(theirs?.codecs.contains { $0.name == "CN" } == false)
        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }

    /// A peer offers PCMU (with CN when `offersCN`), pipit answers on the media engine
    /// writing what it hears to a file; the test then sends the peer's RTP itself: half a
    /// second of tone, then CN packets asking for −30 dBov. With CN agreed, the silence is
    /// filled with noise at that level; without it, the stream ignores CN and stays silent.
    @Test(arguments: [true, false])
    func peersComfortNoiseIsRendered(offersCN: Bool) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-cn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("heard.wav")
        let engine = try MediaEngine()
        defer { engine.stop() }
        var audio = AudioSettings()
        audio.backend = .file
        audio.output = output.path
        let alice = try await TestPhone.start("alice", configure: { $0.codecs = ["pcmu"] },
                                              media: EngineMedia(engine: engine, ports: 40000...40999, audio: audio))
        let peer = ComfortNoiseOfferingMedia(offersCN: offersCN)
        let bob = try await TestPhone.start("bob", configure: { $0.codecs = ["pcmu"] }, media: peer)

        await bob.send(.call(target: alice.uri, account: nil))
        let ringing = try await alice.waitForState(.incoming)
        await alice.send(.answer(call: ringing.id))
        _ = try await alice.waitForState(.established)
        _ = try await bob.waitForState(.established)
        let agreed = await alice.ua.mediaSession(of: ringing.id)?.negotiated().first
        #expect(agreed?.comfortNoise?.payloadType == (offersCN ? 13 : nil))
        let answer = try #require(peer.answer.withLock { $0 })
        let m = try #require(answer.media.first)
        #expect((m.rtpmap(for: 13)?.encodingName == "CN") == offersCN, "\(answer.serialized())")

        let sender = try await HandmadeRTP.start()
        let target = try NIOCore.SocketAddress(ipAddress: "127.0.0.1", port: Int(m.port))
        var seq: UInt16 = 1000, ts: UInt32 = 160_000
        for i in 0..<25 {
            let tone = (0..<160).map { n in
                G711.muLaw(Int16(10_000 * sin(2 * Double.pi * 1000 * Double(i * 160 + n) / 8000)))
            }
            try await sender.send(pt: 0, seq: seq, ts: ts, payload: tone, to: target)
            seq &+= 1
            ts &+= 160
            try await Task.sleep(for: .milliseconds(20))
        }
        // RFC 3389 §4: a CN packet starts the silence; updates follow now and then.
        for _ in 0..<3 {
            try await sender.send(pt: 13, seq: seq, ts: ts, payload: [30], to: target)
            seq &+= 1
            ts &+= 3200
            try await Task.sleep(for: .milliseconds(400))
        }
        await alice.send(.hangup(call: nil))
        _ = try await alice.waitForState(.terminated)
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
        await sender.close()

        let heard = try WAV(contentsOf: output)
        #expect(heard.sampleRate == 8000)
        let samples = heard.channel(0)
        try #require(samples.count > 8000, "heard \(samples.count) samples")
        // The tone was heard, then the half second of silence before the hang-up.
        let loudest = stride(from: 0, to: samples.count - 800, by: 800).map { Self.levelDBFS(samples[$0..<$0 + 800]) }.max() ?? -200
        #expect(loudest > -15, "the tone: \(loudest) dBFS")
        let silence = Self.levelDBFS(samples[(samples.count - 4800)..<(samples.count - 800)])
        if offersCN {
            #expect(abs(silence + 30) <= 4, "comfort noise asked at -30 dBov, heard \(silence) dBFS")
        } else {
            #expect(silence < -70, "no CN agreed: silence, heard \(silence) dBFS")
        }
    }

    static func levelDBFS(_ pcm: ArraySlice<Int16>) -> Double {
        guard !pcm.isEmpty else { return -200 }
        let power = pcm.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(pcm.count)
        return power > 0 ? 10 * log10(power / (32768.0 * 32768.0)) : -200
    }
}

/// A peer's RTP, written by hand: a UDP socket on loopback.
final class HandmadeRTP: Sendable {
    let channel: any Channel

    private init(channel: any Channel) { self.channel = channel }

    static func start() async throws -> HandmadeRTP {
        HandmadeRTP(channel: try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get())
    }

    func send(pt: UInt8, seq: UInt16, ts: UInt32, payload: [UInt8], to target: NIOCore.SocketAddress) async throws {
        let ssrc: UInt32 = 0x1234_5678
        var bytes: [UInt8] = [0x80, pt & 0x7F, UInt8(seq >> 8), UInt8(seq & 0xFF)]
        for word in [ts, ssrc] { bytes += [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)] }
        bytes += payload
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: ByteBuffer(bytes: bytes))).get()
    }

    func close() async { try? await channel.close().get() }
}

/// Signalling-only media whose offers add `CN/8000` when asked, and which keeps the answer
/// (where the answerer's RTP port is).
struct ComfortNoiseOfferingMedia: MediaNegotiating {
    let inner = SignallingOnlyMedia()
    let offersCN: Bool
    let answer = AnswerBox()

    func makeSession(account: AccountConfig, localAddress: String) async throws -> any MediaSession {
        ComfortNoiseOfferingSession(inner: try await inner.makeSession(account: account, localAddress: localAddress), media: self)
    }
}

final class AnswerBox: Sendable {
    private let value = Mutex<SessionDescription?>(nil)
    func withLock<T>(_ body: (inout SessionDescription?) -> T) -> T { value.withLock { body(&$0) } }
}

final class ComfortNoiseOfferingSession: MediaSession {
    let inner: any MediaSession
    let media: ComfortNoiseOfferingMedia

    init(inner: any MediaSession, media: ComfortNoiseOfferingMedia) {
        self.inner = inner
        self.media = media
    }

    func makeOffer(hold: Bool) async throws -> SessionDescription {
        var offer = try await inner.makeOffer(hold: hold)
        if media.offersCN, !offer.media.isEmpty {
            offer.media[0].formats.append("13")
            offer.media[0].attributes.insert(.rtpmap(RTPMap(payloadType: 13, encodingName: "CN", clockRate: 8000)), at: 0)
        }
        return offer
    }

    func answer(_ offer: SessionDescription, hold: Bool) async throws -> SessionDescription {
        try await inner.answer(offer, hold: hold)
    }

    /// The inner session never offered CN: it reads the answer without it.
    func accept(_ answer: SessionDescription) async throws {
        media.answer.withLock { $0 = answer }
        var plain = answer
        for i in plain.media.indices {
            plain.media[i].formats.removeAll { $0 == "13" }
            plain.media[i].attributes.removeAll { if case .rtpmap(let map) = $0 { map.payloadType == 13 } else { false } }
        }
        try await inner.accept(plain)
    }

    func negotiated() async -> [NegotiatedStream] { await inner.negotiated() }
    func packetsReceived() async -> Int { await inner.packetsReceived() }
    func close() async { await inner.close() }
}
