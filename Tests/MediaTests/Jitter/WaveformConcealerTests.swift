import Foundation
import Testing
import Media

@Suite(.timeLimit(.minutes(1)))
struct WaveformConcealerTests {
    /// Observes `history` in 20 ms frames, then conceals `lost` samples.
    func conceal(after history: [Int16], sampleRate: Int, lost: Int) -> (WaveformConcealer, [Int16]) {
        var concealer = WaveformConcealer(sampleRate: sampleRate)
        let frame = sampleRate / 50
        for start in stride(from: 0, to: history.count, by: frame) {
            history[start..<min(start + frame, history.count)].withUnsafeBufferPointer { concealer.observe($0) }
        }
        var out = [Int16](repeating: 0, count: lost)
        // In 10 ms pieces, as a playout would ask.
        let piece = sampleRate / 100
        out.withUnsafeMutableBufferPointer { o in
            for start in stride(from: 0, to: lost, by: piece) {
                concealer.conceal(into: UnsafeMutableBufferPointer(rebasing: o[start..<min(start + piece, lost)]))
            }
        }
        return (concealer, out)
    }

    @Test(arguments: [8000, 16000, 48000])
    func aToneContinuesThroughAShortLoss(sampleRate: Int) {
        let tone = Signals.sine(frequency: 200, sampleRate: sampleRate, count: sampleRate / 5 + sampleRate / 100)
        let history = Array(tone[0..<(sampleRate / 5)])
        let truth = Array(tone[(sampleRate / 5)...])
        let (_, out) = conceal(after: history, sampleRate: sampleRate, lost: sampleRate / 100)
        // 10 ms of concealment: close to what was really sent, joined without a click.
        #expect(Signals.snr(reference: truth, decoded: out) > 20)
        #expect(Double(AudioChecks.maxJump([history.last ?? 0] + out)) <= 1.1 * AudioChecks.maxSlope(frequency: 200, sampleRate: sampleRate))
    }

    @Test func aHarmonicToneWithAFractionalPeriodContinues() {
        let tone = AudioChecks.harmonic(f0: 130, sampleRate: 8000, count: 1680)
        let (_, out) = conceal(after: Array(tone[0..<1600]), sampleRate: 8000, lost: 80)
        #expect(Signals.snr(reference: Array(tone[1600...]), decoded: out) > 10)
        #expect(Double(AudioChecks.maxJump(Array(tone[1590..<1600]) + out)) <= 1.3 * Double(AudioChecks.maxJump(tone)))
    }

    @Test func anOnsetIsRepeatedWithoutAStep() {
        // A 200 Hz tone whose level grows sixfold over its last 10 ms (a vowel onset),
        // cut at a crest: successive periods differ, so a plain repetition of the last
        // one would step down by a quarter of full scale at the start of the loss.
        let count = 1600
        let history = (0..<count).map { n -> Int16 in
            let level: Double = n < count - 80 ? 0.1 : 0.1 + 0.5 * Double(n - (count - 80)) / 80
            let phase: Double = 2 * Double.pi * 200 * Double(n) / 8000 + Double.pi / 2
            return Int16((level * 32767 * sin(phase)).rounded())
        }
        let (_, out) = conceal(after: history, sampleRate: 8000, lost: 80)
        let slope = AudioChecks.maxSlope(frequency: 200, sampleRate: 8000, amplitude: 0.6)
        #expect(Double(AudioChecks.maxJump(Array(history.suffix(40)) + out)) <= 1.1 * slope)
        #expect(AudioChecks.meanSquare(out[...]) > 0.5 * AudioChecks.meanSquare(history.suffix(40)[...]))
    }

    @Test func energyFadesOverALongLossToSilenceAt60ms() {
        let tone = AudioChecks.harmonic(f0: 150, sampleRate: 8000, count: 1600)
        let (_, out) = conceal(after: tone, sampleRate: 8000, lost: 800)
        let tens = (0..<10).map { AudioChecks.meanSquare(out[($0 * 80)..<($0 * 80 + 80)]) }
        let full = AudioChecks.meanSquare(tone[1200...])
        #expect(tens[0] > 0.5 * full)
        for k in 1..<6 { #expect(tens[k] < tens[k - 1], "10 ms piece \(k)") }
        #expect(out[480...].allSatisfy { $0 == 0 })
    }

    @Test func theFirstGoodFrameIsMergedWithoutAClick() {
        let tone = AudioChecks.harmonic(f0: 150, sampleRate: 8000, count: 2400)
        // 20 ms lost, then the frame after it arrives.
        var (concealer, out) = conceal(after: Array(tone[0..<1600]), sampleRate: 8000, lost: 160)
        var good = Array(tone[1760..<1920])
        good.withUnsafeMutableBufferPointer { concealer.merge(into: $0) }
        #expect(!concealer.isConcealing)
        let joined = out + good
        #expect(Double(AudioChecks.maxJump(joined)) <= 1.5 * Double(AudioChecks.maxJump(tone)))
        // After the cross-fade the good audio is untouched.
        #expect(Array(good[80...]) == Array(tone[1840..<1920]))
    }

    @Test func aLossSoonAfterALongOneRepeatsOnlyRealAudio() {
        // 100 ms lost (faded to silence), one good 20 ms frame, 40 ms lost again: the
        // second loss must not cycle back into the silence or the cross-fade before it.
        var concealer = WaveformConcealer(sampleRate: 8000)
        // A triangle wave (250 Hz): rich in harmonics, and any step shows.
        let tone = (0..<8000).map { ToneDecoder.sample($0 % 32, period: 32) }
        var out: [Int16] = []
        var t = 0
        func good() {
            var frame = Array(tone[t..<(t + 160)])
            frame.withUnsafeMutableBufferPointer { concealer.merge(into: $0) }
            out += frame
            t += 160
        }
        func lose() {
            var frame = [Int16](repeating: 0, count: 160)
            frame.withUnsafeMutableBufferPointer { concealer.conceal(into: $0) }
            out += frame
            t += 160
        }
        for _ in 0..<10 { good() }
        for _ in 0..<5 { lose() }
        good()
        lose()
        lose()
        good()
        good()
        #expect(Double(AudioChecks.maxJump(out[1600...])) <= 1.3 * Double(AudioChecks.maxJump(tone)))
    }

    @Test func withoutALossMergeOnlyRecords() {
        var concealer = WaveformConcealer(sampleRate: 8000)
        var good = Signals.sine(frequency: 300, sampleRate: 8000, count: 160)
        let copy = good
        good.withUnsafeMutableBufferPointer { concealer.merge(into: $0) }
        #expect(good == copy)
        #expect(!concealer.isConcealing)
    }
}
