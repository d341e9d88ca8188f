import Foundation
import Testing
import Media

@Suite(.timeLimit(.minutes(1)))
struct G722Tests {
    /// A deterministic speech-like test signal: a chirp sweeping 100 Hz–7.5 kHz over a
    /// varying envelope, plus seeded noise, so both bands and all quantiser steps are used.
    static func testSignal(count: Int) -> [Int16] {
        var seed: UInt32 = 12345
        return (0..<count).map { n in
            seed = seed &* 1_103_515_245 &+ 12345
            let t = Double(n) / 16000
            let sweep: Double = 0.5 - 0.5 * cos(2 * Double.pi * t / 0.7)
            let frequency: Double = 100 + 7400 * sweep
            let envelope: Double = 0.1 + 0.8 * abs(sin(2 * Double.pi * t * 1.3))
            let noise: Double = Double(Int32(bitPattern: seed) >> 16) / 32768 * 0.05
            let value: Double = envelope * sin(2 * Double.pi * frequency * t * 0.5) + noise
            return Int16(clamping: Int(value * 26000))
        }
    }

    // Measured: 62, 47, 41, 22, 27, 22 dB.
    @Test(arguments: [(300.0, 50.0), (1000, 40), (3000, 35), (5000, 18), (6000, 22), (7000, 18)])
    func sineRoundTrip(frequency: Double, minimumSNR: Double) throws {
        let tone = Signals.sine(frequency: frequency, sampleRate: 16000, count: 16000, amplitude: 0.3)
        let payloads = try CodecHarness.encode(G722Encoder(), tone, frame: 320)
        #expect(payloads.count == 50 && payloads.allSatisfy { $0.count == 160 })
        let decoded = try CodecHarness.decode(G722Decoder(), payloads)
        #expect(decoded.count == tone.count)
        let (delay, snr) = CodecHarness.bestSNR(reference: tone, decoded: decoded, maxDelay: 40, skip: 1600)
        #expect(snr >= minimumSNR, "\(frequency) Hz: SNR \(snr) dB at delay \(delay)")
        // The tone keeps its level (within 1 dB) and stays the dominant frequency.
        let level = Signals.levelDBFS(Array(decoded[1600...])) - Signals.levelDBFS(Array(tone[1600...]))
        #expect(abs(level) < 1, "\(frequency) Hz: level change \(level) dB")
    }

    /// Transmit and receive QMF (24 taps each) delay the signal by 22 samples in all;
    /// the sweep makes the delay unambiguous (a steady tone would repeat it every period).
    @Test func codecDelayIsTheQMFDelay() throws {
        let signal = Self.testSignal(count: 16000)
        let decoded = try CodecHarness.decode(G722Decoder(), try CodecHarness.encode(G722Encoder(), signal, frame: 320))
        #expect(CodecHarness.bestSNR(reference: signal, decoded: decoded, maxDelay: 40, skip: 1600).delay == 22)
    }

    @Test func resetRestoresTheInitialState() throws {
        let signal = Self.testSignal(count: 3200)
        let encoder = G722Encoder(), decoder = G722Decoder()
        let first = try CodecHarness.encode(encoder, signal, frame: 320)
        let firstPCM = try CodecHarness.decode(decoder, first)
        encoder.reset()
        decoder.reset()
        #expect(try CodecHarness.encode(encoder, signal, frame: 320) == first)
        #expect(try CodecHarness.decode(decoder, first) == firstPCM)
        // Without a reset the state carries over and the output differs.
        #expect(try CodecHarness.encode(encoder, signal, frame: 320) != first)
    }

    @Test func arbitraryBytesDecodeWithoutTrapping() throws {
        let decoder = G722Decoder()
        var seed: UInt64 = 0xC0FFEE
        for round in 0..<200 {
            let bytes: [UInt8] = (0..<160).map { i in
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return round == 0 ? UInt8(i) : round == 1 ? UInt8(255 - i) : UInt8(truncatingIfNeeded: seed >> 56)
            }
            #expect(try CodecHarness.decode(decoder, bytes).count == 320)
        }
        // Full-scale square waves drive every state to its limits.
        let square = (0..<16000).map { n in Int16(n / 8 % 2 == 0 ? 32767 : -32768) }
        _ = try CodecHarness.encode(G722Encoder(), square, frame: 320)
    }

    @Test func oddFramesAndSmallBuffersAreErrors() {
        let pcm = [Int16](repeating: 0, count: 321)
        var out = [UInt8](repeating: 0, count: 200)
        #expect(throws: CodecError.self) {
            try pcm.withUnsafeBufferPointer { p in try out.withUnsafeMutableBytes { try G722Encoder().encode(p, into: $0) } }
        }
        #expect(throws: CodecError.bufferTooSmall(needed: 320)) {
            try CodecHarness.decode(G722Decoder(), [UInt8](repeating: 0, count: 160), capacity: 100)
        }
    }

    @Test func clockAndConcealment() {
        let decoder = G722Decoder()
        #expect(decoder.sampleRate == 16000 && decoder.rtpClockRate == 8000)
        #expect(G722Encoder().rtpClockRate == 8000)
        var pcm = [Int16](repeating: 0, count: 320)
        #expect(pcm.withUnsafeMutableBufferPointer { decoder.conceal(into: $0) } == 0)
        #expect([UInt8](repeating: 0, count: 160).withUnsafeBytes { decoder.sampleCount(of: $0) } == 320)
    }

    /// Bit-exact against spandsp's G.722 (baresip's g722 module). The encoders agree on
    /// every byte; the decoders on every sample, except that where the QMF output
    /// overflows 16 bits spandsp wraps around and we saturate (clicks vs. clipping).
    @Test(.enabled(if: SpanDSPG722.shared != nil, "libspandsp.so.2 (libspandsp2, with baresip) not installed"))
    func matchesSpanDSPBitExactly() throws {
        let reference = try #require(SpanDSPG722.shared)
        let signal = Self.testSignal(count: 32000)
        let ours = try CodecHarness.encode(G722Encoder(), signal, frame: 320).flatMap { $0 }
        let theirs = reference.encode(signal)
        #expect(ours.count == theirs.count)
        let firstDifference = zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "encoders differ from byte \(firstDifference ?? -1)")
        // Decoding: the same bytes give the same PCM, also for random bytes.
        var seed: UInt32 = 7
        let noise: [UInt8] = (0..<16000).map { _ in seed = seed &* 1_664_525 &+ 1_013_904_223; return UInt8(seed >> 24) }
        for bytes in [theirs, noise] {
            let oneDecoder = G722Decoder()
            let continuous = try bytes.chunked(160).flatMap { try CodecHarness.decode(oneDecoder, $0) }
            let decodedByThem = reference.decode(bytes)
            #expect(continuous.count == decodedByThem.count)
            let differing = zip(continuous, decodedByThem).enumerated().filter { $0.element.0 != $0.element.1 }
            let unexplained = differing.first { $0.element.0 != .max && $0.element.0 != .min }
            #expect(unexplained == nil, "decoders differ at sample \(unexplained?.offset ?? -1): \(String(describing: unexplained?.element))")
            #expect(differing.count < continuous.count / 100)
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
