import Foundation
import Media
import SDP
import Synchronization
import Testing
import TestLab
import Audio

/// Two call streams on one engine talking through the impairment relay: the whole
/// media path without SIP — capture, codec, RTP, SRTP, latching, jitter buffer, playout.
@Suite(.timeLimit(.minutes(1)))
struct RTPStreamTests {
    let pcmu = NegotiatedCodec(payloadType: 0, name: "PCMU", clockRate: 8000)

    /// A sends a 1 kHz tone, B a 440 Hz one; B writes what it hears to a file.
    func run(codec: NegotiatedCodec, rate: Int, impairment: Impairment, seconds: Double,
             keys: (a: SRTPKeys?, b: SRTPKeys?) = (nil, nil), rekeyAfter: Double? = nil) async throws -> (a: MediaStreamSnapshot, b: MediaStreamSnapshot,
                                                                              heard: WAVFile, events: [StreamMonitor.Event]) {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let socketsA = try MediaSocket.bindPair(host: "127.0.0.1", ports: 41000...41999)
        let socketsB = try MediaSocket.bindPair(host: "127.0.0.1", ports: 42000...42999)
        let relay = try ImpairmentRelay(.init(aToB: impairment, bToA: impairment, seed: 7,
                                              endpointA: socketsA.rtp.localAddress.port, endpointB: socketsB.rtp.localAddress.port))
        relay.start()
        defer { relay.stop() }
        let heard = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-stream-\(UUID().uuidString).wav").path
        defer { try? FileManager.default.removeItem(atPath: heard) }
        let events = EventBox()
        let monitorA = StreamMonitor(), monitorB = StreamMonitor { event in events.list.withLock { $0.append(event) } }
        func config(_ tone: Double, remotePort: UInt16, output: AudioOutput, srtp: SRTPKeys?) -> MediaStreamConfiguration {
            MediaStreamConfiguration(
                codec: codec, remote: SocketAddress(host: "127.0.0.1", port: remotePort), rtcpMux: true, srtp: srtp,
                input: .samples(Signals.sine(frequency: tone, sampleRate: rate, count: rate * 10, amplitude: 0.3), loop: true),
                output: output, cname: "test")
        }
        let a = try engine.addStream(config(1000, remotePort: relay.portA, output: .discard, srtp: keys.a),
                                     rtp: socketsA.rtp, rtcp: socketsA.rtcp, monitor: monitorA)
        let b = try engine.addStream(config(440, remotePort: relay.portB, output: .file(path: heard), srtp: keys.b),
                                     rtp: socketsB.rtp, rtcp: socketsB.rtcp, monitor: monitorB)
        if let rekeyAfter {
            // A re-INVITE brings new keys to both sides (not at the same instant).
            try await Task.sleep(for: .seconds(rekeyAfter))
            let k1 = SDES.generateKey(.aeadAES128GCM), k2 = SDES.generateKey(.aeadAES128GCM)
            try engine.reconfigureStream(a, config(1000, remotePort: relay.portA, output: .discard, srtp: SRTPKeys(send: k1, receive: k2)))
            try engine.reconfigureStream(b, config(440, remotePort: relay.portB, output: .file(path: heard), srtp: SRTPKeys(send: k2, receive: k1)))
        }
        try await Task.sleep(for: .seconds(seconds - (rekeyAfter ?? 0)))
        let snapshots = (monitorA.snapshot, monitorB.snapshot)
        engine.stop()   // closes the streams: B's file is complete
        return (snapshots.0, snapshots.1, try WAVFile(contentsOf: heard), events.list.withLock { $0 })
    }

    @Test func aToneCrossesALossyJitteryPathAndIsConcealed() async throws {
        let impairment = Impairment(loss: 0.05, delayMs: 10, jitter: .uniform(maxMs: 30))
        let (a, b, heard, _) = try await run(codec: pcmu, rate: 8000, impairment: impairment, seconds: 3)
        // The second half: past the jitter buffer's start.
        let samples = Array(heard.samples.suffix(heard.samples.count / 2))
        let tone = Signals.power(of: 1000, in: samples, sampleRate: 8000)
        let other = Signals.power(of: 440, in: samples, sampleRate: 8000)
        #expect(tone > 1000 * other, "B hears A's tone, not its own")
        #expect(Signals.levelDBFS(samples) > -16, "level \(Signals.levelDBFS(samples))")
        // Snapshots are published once a second: they lag by up to one.
        #expect(a.quality.packetsSent > 70)
        #expect(b.quality.packetsReceived > 60)
        #expect(b.quality.packetsLost > 0, "\(b.quality)")
        #expect(b.quality.concealedFrames > 0, "\(b.quality)")
        #expect(b.quality.jitterMilliseconds > 1, "\(b.quality)")
        #expect((b.quality.jitterBufferDelayMilliseconds ?? 0) >= 20, "\(b.quality)")
        #expect((b.mos ?? 0) > 3 && (b.mos ?? 5) < 4.4, "\(String(describing: b.mos))")
        #expect(b.codec == "PCMU")
        #expect(!b.encrypted)
    }

    @Test func srtpProtectsBothWaysAndAWrongKeyPlaysNothing() async throws {
        let k1 = SDES.generateKey(.aesCM128HMACSHA1_80), k2 = SDES.generateKey(.aesCM128HMACSHA1_80)
        let good = try await run(codec: pcmu, rate: 8000, impairment: .none, seconds: 1.5,
                                 keys: (SRTPKeys(send: k1, receive: k2), SRTPKeys(send: k2, receive: k1)))
        #expect(good.b.encrypted)
        #expect(good.b.quality.packetsReceived > 40)
        #expect(good.b.authenticationFailures == 0)
        #expect(Signals.power(of: 1000, in: Array(good.heard.samples.suffix(4000)), sampleRate: 8000) > 1e6)

        let k3 = SDES.generateKey(.aesCM128HMACSHA1_80)
        let bad = try await run(codec: pcmu, rate: 8000, impairment: .none, seconds: 1.5,
                                keys: (SRTPKeys(send: k1, receive: k2), SRTPKeys(send: k2, receive: k3)))
        #expect(bad.b.quality.packetsReceived == 0)
        #expect(bad.b.authenticationFailures > 40)
        #expect(bad.heard.samples.allSatisfy { $0 == 0 }, "nothing unauthenticated is played")
    }

    @Test func newKeysMidCallKeepTheAudioGoing() async throws {
        let k1 = SDES.generateKey(.aesCM128HMACSHA1_80), k2 = SDES.generateKey(.aesCM128HMACSHA1_80)
        let run = try await run(codec: pcmu, rate: 8000, impairment: .none, seconds: 3,
                                keys: (SRTPKeys(send: k1, receive: k2), SRTPKeys(send: k2, receive: k1)), rekeyAfter: 1)
        #expect(run.b.encrypted)
        #expect(run.b.quality.packetsReceived > 80, "\(run.b.quality)")
        // At most the few packets in flight while the two sides switch fail.
        #expect(run.b.authenticationFailures < 5, "\(run.b.authenticationFailures)")
        #expect(Signals.power(of: 1000, in: Array(run.heard.samples.suffix(4000)), sampleRate: 8000) > 1e6)
    }

    @Test func opusRecoversLossWithInBandFEC() async throws {
        let opus = NegotiatedCodec(payloadType: 111, name: "opus", clockRate: 48000, channels: 2,
                                   remoteFmtp: "useinbandfec=1")
        let impairment = Impairment(loss: 0.05)
        let (_, b, heard, _) = try await run(codec: opus, rate: CodecKind.opusSampleRate, impairment: impairment, seconds: 3)
        #expect(b.codec == "opus")
        #expect(b.quality.packetsLost > 0)
        #expect(heard.format.sampleRate == 16000)
        let samples = Array(heard.samples.suffix(heard.samples.count / 2))
        #expect(Signals.power(of: 1000, in: samples, sampleRate: 16000) > 1000 * Signals.power(of: 440, in: samples, sampleRate: 16000))
    }

    @Test func silenceFromThePeerIsReported() async throws {
        let (_, b, _, events) = try await run(codec: pcmu, rate: 8000, impairment: Impairment(loss: 1), seconds: 6)
        #expect(b.quality.packetsReceived == 0)
        #expect(events.contains(.silence(seconds: 5)), "\(events)")
    }
}

private final class EventBox: Sendable {
    let list = Mutex<[StreamMonitor.Event]>([])
}
