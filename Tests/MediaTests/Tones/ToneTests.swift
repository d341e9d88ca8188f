import Media
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ToneTests {
    private func render(_ plan: TonePlan, rate: Int = 8000, ms: Int) -> [Int16] {
        var generator = ToneGenerator(plan: plan, sampleRate: rate)
        var out = [Int16](repeating: 0, count: rate * ms / 1000)
        out.withUnsafeMutableBufferPointer { generator.render(into: $0) }
        return out
    }

    private func slice(_ samples: [Int16], rate: Int = 8000, from: Int, to: Int) -> [Int16] {
        Array(samples[(from * rate / 1000)..<(to * rate / 1000)])
    }

    @Test func usRingbackIsTwoSecondsOfFourFortyPlusFourEightyThenFourOff() throws {
        let tones = try #require(ToneSet.named("US"))
        let pcm = render(tones.ringback, ms: 6500)
        let on = slice(pcm, from: 100, to: 1900)
        #expect(Signals.power(of: 440, in: on, sampleRate: 8000) > 1000 * Signals.power(of: 620, in: on, sampleRate: 8000))
        #expect(Signals.power(of: 480, in: on, sampleRate: 8000) > 1000 * Signals.power(of: 620, in: on, sampleRate: 8000))
        // Each component peaks at -16 dBFS (RMS -19); together their RMS is -16.
        #expect(abs(Signals.levelDBFS(on) - (-16)) < 1)
        #expect(slice(pcm, from: 2010, to: 5990).allSatisfy { $0 == 0 })
        #expect(Signals.levelDBFS(slice(pcm, from: 6100, to: 6400)) > -20, "the cadence repeats")
    }

    @Test func everyCountryHasEveryTone() {
        for code in ["us", "uk", "de", "fr", "jp"] {
            let set = ToneSet.named(code)
            #expect(set != nil, "\(code)")
            for kind in ToneSet.Kind.allCases {
                let plan = set?.plan(kind)
                #expect(plan?.frequencies.isEmpty == false)
                #expect((plan?.period ?? 0) > 0, "\(code) \(kind) has a cadence")
            }
        }
        #expect(ToneSet.named("xx") == nil)
    }

    @Test func germanBusyCadenceIsFourEightyMilliseconds() throws {
        let busy = try #require(ToneSet.named("de")).busy
        #expect(busy.isOn(atMillisecond: 0))
        #expect(busy.isOn(atMillisecond: 479))
        #expect(!busy.isOn(atMillisecond: 480))
        #expect(!busy.isOn(atMillisecond: 959))
        #expect(busy.isOn(atMillisecond: 960))
        let pcm = render(busy, ms: 960)
        let on = slice(pcm, from: 20, to: 460)
        #expect(Signals.power(of: 425, in: on, sampleRate: 8000) > 100 * Signals.power(of: 400, in: on, sampleRate: 8000))
    }

    @Test func burstEdgesAreRampedNotClicked() throws {
        let pcm = render(try #require(ToneSet.named("uk")).busy, rate: 16000, ms: 1500)
        var largest = 0
        for i in 1..<pcm.count { largest = max(largest, abs(Int(pcm[i]) - Int(pcm[i - 1]))) }
        // A 400 Hz sine at -16 dBFS moves at most 2π·400/16000·5190 ≈ 815 per sample.
        #expect(largest < 900)
    }

    @Test func japaneseRingbackIsModulated() throws {
        let pcm = render(try #require(ToneSet.named("jp")).ringback, ms: 1000)
        // 16 Hz modulation: the level over 1/32 s windows swings widely.
        let levels = stride(from: 0, to: 7750, by: 250).map { Signals.levelDBFS(Array(pcm[$0..<($0 + 250)])) }
        #expect((levels.max() ?? 0) - (levels.min() ?? 0) > 10)
    }

    @Test func dtmfFeedbackIsTheKeysPairAndStops() throws {
        let five = try #require(TonePlan.dtmf("5"))
        #expect(five.frequencies == [770, 1336])
        #expect(TonePlan.dtmf("d")?.frequencies == [941, 1633])
        #expect(TonePlan.dtmf("x") == nil)
        var generator = ToneGenerator(plan: five, sampleRate: 8000)
        var frame = [Int16](repeating: 0, count: 1200)
        frame.withUnsafeMutableBufferPointer { generator.render(into: $0) }
        #expect(generator.finished)
        #expect(Signals.power(of: 770, in: Array(frame[0..<800]), sampleRate: 8000) > 0)
        #expect(frame[800...].allSatisfy { $0 == 0 })
    }

    @Test func mixAddsToWhatIsThere() {
        var generator = ToneGenerator(plan: TonePlan(frequencies: [1000]), sampleRate: 8000)
        var frame = [Int16](repeating: 1000, count: 80)
        frame.withUnsafeMutableBufferPointer { generator.mix(into: $0) }
        #expect(frame[0] == 1000)
        #expect(frame.contains { $0 > 1000 } && frame.contains { $0 < 1000 })
    }
}
