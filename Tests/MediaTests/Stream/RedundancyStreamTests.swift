import Foundation
import Media
import SDP
import Testing
import TestLab

/// Two engine streams that agreed on RFC 2198 red, through the impairment relay's bursty
/// loss: once the loss shows (in our own reception until the peer's RTCP reports it),
/// copies go out, and the receiver fills holes with them.
@Suite(.timeLimit(.minutes(1)))
struct RedundancyStreamTests {
    /// 10 % loss in bursts of two on average, as in the benchmark.
    static let burstyLoss = Impairment(burstLoss: GilbertElliott(p: 0.0556, r: 0.5))

    func run(codec: NegotiatedCodec, red: NegotiatedCodec?, rate: Int, seconds: Double,
             impairment: Impairment = burstyLoss) async throws -> MediaStreamSnapshot {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let socketsA = try MediaSocket.bindPair(host: "127.0.0.1", ports: 43000...43999)
        let socketsB = try MediaSocket.bindPair(host: "127.0.0.1", ports: 44000...44999)
        let relay = try ImpairmentRelay(.init(aToB: impairment, bToA: impairment, seed: 11,
                                              endpointA: socketsA.rtp.localAddress.port, endpointB: socketsB.rtp.localAddress.port))
        relay.start()
        defer { relay.stop() }
        let monitorA = StreamMonitor(), monitorB = StreamMonitor()
        func config(_ tone: Double, remotePort: UInt16) -> MediaStreamConfiguration {
            MediaStreamConfiguration(
                codec: codec, alternativeCodecs: red.map { [$0] } ?? [], remote: SocketAddress(host: "127.0.0.1", port: remotePort),
                rtcpMux: true,
                input: .samples(Signals.sine(frequency: tone, sampleRate: rate, count: rate * 10, amplitude: 0.3), loop: true),
                output: .discard, cname: "red")
        }
        _ = try engine.addStream(config(1000, remotePort: relay.portA), rtp: socketsA.rtp, rtcp: socketsA.rtcp, monitor: monitorA)
        _ = try engine.addStream(config(440, remotePort: relay.portB), rtp: socketsB.rtp, rtcp: socketsB.rtcp, monitor: monitorB)
        try await Task.sleep(for: .seconds(seconds))
        return monitorB.snapshot
    }

    @Test func lostFramesAreFilledFromCopies() async throws {
        let pcmu = NegotiatedCodec(payloadType: 0, name: "PCMU", clockRate: 8000)
        let red = NegotiatedCodec(payloadType: 121, name: "red", clockRate: 8000, fmtp: "0/0/0")
        let b = try await run(codec: pcmu, red: red, rate: 8000, seconds: 4)
        #expect(b.quality.packetsLost > 0, "\(b.quality)")
        #expect(b.quality.redundantFrames > 0, "\(b.quality)")
        #expect(b.quality.redundantCopies >= b.quality.redundantFrames, "\(b.quality)")
        #expect(b.codec == "PCMU")
    }

    /// The benchmark's jitter without loss reorders packets but loses none: no copies are
    /// sent, so no delay is added for them.
    @Test func aCleanJitteryPathGetsNoCopies() async throws {
        let pcmu = NegotiatedCodec(payloadType: 0, name: "PCMU", clockRate: 8000)
        let red = NegotiatedCodec(payloadType: 121, name: "red", clockRate: 8000, fmtp: "0/0/0")
        let b = try await run(codec: pcmu, red: red, rate: 8000, seconds: 3, impairment: Impairment(jitter: .uniform(maxMs: 40)))
        #expect(b.quality.packetsReceived > 80, "\(b.quality)")
        #expect(b.quality.redundantFrames == 0 && b.quality.redundantCopies == 0, "\(b.quality)")
        #expect((b.quality.jitterBufferDelayMilliseconds ?? 999) < 75, "\(b.quality)")
    }

    /// Without red agreed nothing is wrapped: the same path only conceals.
    @Test func withoutRedNothingIsFilled() async throws {
        let pcmu = NegotiatedCodec(payloadType: 0, name: "PCMU", clockRate: 8000)
        let b = try await run(codec: pcmu, red: nil, rate: 8000, seconds: 3)
        #expect(b.quality.packetsReceived > 0)
        #expect(b.quality.redundantFrames == 0)
        #expect(b.quality.concealedFrames > 0)
    }
}
