import Testing
import Media

@Suite(.timeLimit(.minutes(1)))
struct TimeStretchTests {
    /// Runs `accelerate` or `expand` on `input`; returns the output.
    func stretch(_ input: [Int16], sampleRate: Int, accelerate: Bool) -> [Int16]? {
        let stretcher = TimeStretcher(sampleRate: sampleRate)
        var buffer = input + [Int16](repeating: 0, count: stretcher.maxPitch)
        let count = buffer.withUnsafeMutableBufferPointer { b in
            accelerate ? stretcher.accelerate(b, count: input.count) : stretcher.expand(b, count: input.count)
        }
        return count.map { Array(buffer[0..<$0]) }
    }

    @Test(arguments: [8000, 16000, 48000])
    func accelerateDropsWholePeriodsOfASineSmoothly(sampleRate: Int) throws {
        let input = Signals.sine(frequency: 200, sampleRate: sampleRate, count: sampleRate * 40 / 1000)
        let output = try #require(stretch(input, sampleRate: sampleRate, accelerate: true))
        let removed = input.count - output.count
        let period = sampleRate / 200
        #expect(removed > 0 && removed % period == 0, "removed \(removed)")
        #expect(Double(AudioChecks.maxJump(output)) <= 1.05 * AudioChecks.maxSlope(frequency: 200, sampleRate: sampleRate))
        // Still the same tone, at the same level.
        // The tail is the input's tail, one removed period earlier.
        #expect(Array(output.suffix(20)) == Array(input.suffix(20)))
        #expect(abs(Signals.levelDBFS(output) - Signals.levelDBFS(input)) < 0.5)
    }

    @Test(arguments: [8000, 16000, 48000])
    func expandInsertsWholePeriodsOfASineSmoothly(sampleRate: Int) throws {
        let input = Signals.sine(frequency: 200, sampleRate: sampleRate, count: sampleRate * 30 / 1000)
        let output = try #require(stretch(input, sampleRate: sampleRate, accelerate: false))
        let added = output.count - input.count
        #expect(added > 0 && added % (sampleRate / 200) == 0, "added \(added)")
        #expect(Double(AudioChecks.maxJump(output)) <= 1.05 * AudioChecks.maxSlope(frequency: 200, sampleRate: sampleRate))
        // The tail is the input's tail, untouched.
        #expect(Array(output.suffix(20)) == Array(input.suffix(20)))
    }

    @Test(arguments: [8000, 48000])
    func aHarmonicToneIsStretchedWithASmallDiscontinuity(sampleRate: Int) throws {
        // 130 Hz: the period is not a whole number of samples.
        let input = AudioChecks.harmonic(f0: 130, sampleRate: sampleRate, count: sampleRate * 40 / 1000)
        let slope = Double(AudioChecks.maxJump(input))
        let faster = try #require(stretch(input, sampleRate: sampleRate, accelerate: true))
        let slower = try #require(stretch(input, sampleRate: sampleRate, accelerate: false))
        #expect(Double(AudioChecks.maxJump(faster)) <= 1.3 * slope)
        #expect(Double(AudioChecks.maxJump(slower)) <= 1.3 * slope)
        let period = Double(sampleRate) / 130
        let removed = Double(input.count - faster.count)
        #expect(abs(removed / period - (removed / period).rounded()) < 0.1, "removed \(removed) of period \(period)")
    }

    @Test func noiseIsLeftAlone() {
        var random = SeededRandom(seed: 9)
        let noise = (0..<320).map { _ in Int16(Int(random.next() % 20000) - 10000) }
        #expect(stretch(noise, sampleRate: 8000, accelerate: true) == nil)
        #expect(stretch(noise, sampleRate: 8000, accelerate: false) == nil)
    }

    @Test func silenceShrinksByTheLongestPeriod() throws {
        let silence = [Int16](repeating: 3, count: 400)
        let output = try #require(stretch(silence, sampleRate: 8000, accelerate: true))
        #expect(silence.count - output.count == TimeStretcher(sampleRate: 8000).maxPitch)
    }

    @Test func tooLittleAudioIsRefused() {
        let input = Signals.sine(frequency: 200, sampleRate: 8000, count: 30)
        #expect(stretch(input, sampleRate: 8000, accelerate: true) == nil)
        let stretcher = TimeStretcher(sampleRate: 8000)
        var buffer = Signals.sine(frequency: 200, sampleRate: 8000, count: 240)
        // No room to insert a period.
        let result = buffer.withUnsafeMutableBufferPointer { stretcher.expand($0, count: 240) }
        #expect(result == nil)
    }
}
