import Testing
import Media

@Suite(.timeLimit(.minutes(1)))
struct PlayoutTests {
    /// A 20 ms-packet stream of `signal` (8 kHz) into `playout`, packets listed in
    /// `send` (indices), one packet per tick arriving just before it; returns the output.
    func run(_ playout: Playout, signal: [Int16], send: (Int) -> Bool, payload: (Int) -> [UInt8], ticks: Int,
             cn: Set<Int> = []) -> [Int16] {
        var out: [Int16] = []
        var frame = [Int16](repeating: 0, count: playout.frameSamples)
        for tick in 0..<ticks {
            let now = tick * 20
            if tick < signal.count / 160, send(tick) {
                let bytes = cn.contains(tick) ? [30] : payload(tick)
                bytes.withUnsafeBytes {
                    _ = playout.insert(sequence: UInt16(tick), timestamp: UInt32(tick * 160), marker: tick == 0,
                                       ssrc: 5, payloadType: cn.contains(tick) ? 13 : 0, payload: $0, arrival: now)
                }
            }
            let n = frame.withUnsafeMutableBufferPointer { playout.render(into: $0, now: now) }
            #expect(n == playout.frameSamples)
            out += frame
        }
        return out
    }

    func l16(_ signal: [Int16]) -> (Int) -> [UInt8] {
        { L16Decoder.payload(signal[($0 * 160)..<($0 * 160 + 160)]) }
    }

    @Test func aCleanStreamComesOutUnchangedAfterTheTargetDelay() throws {
        let signal = AudioChecks.harmonic(f0: 140, sampleRate: 8000, count: 8000)
        let playout = Playout(decoder: L16Decoder(), payloadType: 0, configuration: .init(clockRate: 8000))
        let out = run(playout, signal: signal, send: { _ in true }, payload: l16(signal), ticks: 51)
        let start = try #require(out.firstIndex { $0 != 0 })
        #expect(start == 160)  // one 20 ms tick: the minimum target delay
        // A 4 ms fade-in out of the initial silence, then the stream bit for bit.
        #expect(abs(Int(out[start])) < abs(Int(signal[0])))
        #expect(Array(out[(start + 32)..<(start + 7840)]) == Array(signal[32..<7840]))
        let s = playout.statistics
        #expect(s.packetsLost == 0 && s.framesConcealed == 0 && s.packetsLate == 0)
        #expect(s.currentDelayMs >= 20 && s.currentDelayMs <= 40)
    }

    @Test func lossIsConcealedFromTheWaveformWhenTheCodecCannot() {
        let signal = AudioChecks.harmonic(f0: 140, sampleRate: 8000, count: 8000)
        let playout = Playout(decoder: L16Decoder(), payloadType: 0, configuration: .init(clockRate: 8000))
        let out = run(playout, signal: signal, send: { $0 != 20 && $0 != 21 }, payload: l16(signal), ticks: 51)
        let s = playout.statistics
        #expect(s.packetsLost == 2)
        #expect(s.framesConcealed == 2)
        // The gap (played at ticks 21 and 22) carries a continuation, not silence,
        // joined smoothly at both ends.
        let gap = out[(21 * 160)..<(23 * 160)]
        #expect(AudioChecks.meanSquare(gap) > 0.3 * AudioChecks.meanSquare(signal[...]))
        #expect(Double(AudioChecks.maxJump(Array(out[(20 * 160)..<(24 * 160)]))) <= 1.5 * Double(AudioChecks.maxJump(signal)))
    }

    @Test func aCodecWithItsOwnConcealmentIsUsed() {
        let signal = AudioChecks.harmonic(f0: 140, sampleRate: 8000, count: 8000)
        let decoder = NativePLCDecoder()
        let playout = Playout(decoder: decoder, payloadType: 0, configuration: .init(clockRate: 8000))
        let out = run(playout, signal: signal, send: { $0 != 20 }, payload: l16(signal), ticks: 51)
        #expect(decoder.concealCalls == 1)
        #expect(out[(21 * 160)..<(22 * 160)].allSatisfy { $0 == NativePLCDecoder.concealValue })
        #expect(playout.statistics.framesConcealed == 1)
    }

    @Test func aSingleLossIsRebuiltFromTheNextPacketsFEC() {
        let signal = AudioChecks.harmonic(f0: 140, sampleRate: 8000, count: 8000)
        let decoder = RedundantDecoder()
        let playout = Playout(decoder: decoder, payloadType: 0, configuration: .init(clockRate: 8000, minDelayMs: 40))
        let redundant: (Int) -> [UInt8] = { k in
            let previous = k == 0 ? [Int16](repeating: 0, count: 160) : Array(signal[((k - 1) * 160)..<(k * 160)])
            return L16Decoder.payload(previous[...]) + L16Decoder.payload(signal[(k * 160)..<(k * 160 + 160)])
        }
        let out = run(playout, signal: signal, send: { $0 != 20 }, payload: redundant, ticks: 52)
        let s = playout.statistics
        #expect(s.packetsLost == 1 && s.framesRecovered == 1 && s.framesConcealed == 0)
        #expect(decoder.recoverCalls == 1)
        // Bit-exact: the lost frame came back whole.
        let start = out.firstIndex { $0 != 0 } ?? 0
        #expect(Array(out[(start + 32)..<(start + 7000)]) == Array(signal[32..<7000]))
    }

    @Test func comfortNoiseFillsSilenceAtTheSentLevel() {
        let signal = [Int16](repeating: 0, count: 8000)
        let playout = Playout(decoder: L16Decoder(), payloadType: 0, configuration: .init(clockRate: 8000))
        // Packet 10 is comfort noise at −30 dBov; the sender then pauses until tick 40.
        let out = run(playout, signal: signal, send: { $0 <= 10 || $0 >= 40 }, payload: l16(signal), ticks: 40, cn: [10])
        let noise = Array(out[(20 * 160)..<(35 * 160)])
        #expect(abs(Signals.levelDBFS(noise) - -30) < 1.5)
        #expect(playout.statistics.packetsLost == 0)
        #expect(playout.statistics.framesConcealed == 0)
    }

    @Test func anUnexpectedPayloadTypeIsConcealedAndCounted() {
        let playout = Playout(decoder: L16Decoder(), payloadType: 0, configuration: .init(clockRate: 8000))
        let samples = [UInt8](repeating: 0, count: 320)
        var frame = [Int16](repeating: 0, count: playout.frameSamples)
        for tick in 0..<5 {
            samples.withUnsafeBytes {
                _ = playout.insert(sequence: UInt16(tick), timestamp: UInt32(tick * 160), marker: false, ssrc: 1,
                                   payloadType: tick == 2 ? 8 : 0, payload: $0, arrival: tick * 20)
            }
            frame.withUnsafeMutableBufferPointer { _ = playout.render(into: $0, now: tick * 20) }
        }
        #expect(playout.statistics.decodeErrors == 1)
        #expect(playout.statistics.framesConcealed == 1)
    }

    @Test func thePeerMaySwitchBetweenNegotiatedPayloadTypes() {
        let first = L16Decoder(), second = L16Decoder()
        let playout = Playout(decoder: first, payloadType: 0, configuration: .init(clockRate: 8000))
        #expect(playout.addDecoder(second, payloadType: 8))
        #expect(!playout.addDecoder(L16Decoder(sampleRate: 16000), payloadType: 9))
        #expect(!playout.addDecoder(L16Decoder(), payloadType: 0))
        let samples = L16Decoder.payload(Signals.sine(frequency: 400, sampleRate: 8000, count: 160)[...])
        var frame = [Int16](repeating: 0, count: playout.frameSamples)
        for tick in 0..<8 {
            samples.withUnsafeBytes {
                _ = playout.insert(sequence: UInt16(tick), timestamp: UInt32(tick * 160), marker: false, ssrc: 1,
                                   payloadType: tick < 4 ? 0 : 8, payload: $0, arrival: tick * 20)
            }
            frame.withUnsafeMutableBufferPointer { _ = playout.render(into: $0, now: tick * 20) }
        }
        #expect(playout.payloadType == 8)
        #expect(playout.decoder === second)
        #expect(playout.statistics.decodeErrors == 0 && playout.statistics.framesConcealed == 0)
    }

    @Test(arguments: [(16000, 10), (48000, 20)])
    func framesHaveTheConfiguredLength(sampleRate: Int, frameMs: Int) {
        let playout = Playout(decoder: L16Decoder(sampleRate: sampleRate), payloadType: 0,
                              configuration: .init(clockRate: sampleRate, frameMs: frameMs))
        #expect(playout.frameSamples == sampleRate * frameMs / 1000)
        var big = [Int16](repeating: 0, count: 5000)
        #expect(big.withUnsafeMutableBufferPointer { playout.render(into: $0, now: 0) } == playout.frameSamples)
    }
}
