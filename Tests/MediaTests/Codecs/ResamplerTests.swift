import Testing
import Media

@Suite(.timeLimit(.minutes(1)))
struct ResamplerTests {
    /// Runs `input` through `resampler` in 10 ms blocks, as the audio path does.
    static func run(_ resampler: Resampler, _ input: [Int16]) -> [Int16] {
        let block = resampler.inputRate / 100
        var output: [Int16] = []
        var buffer = [Int16](repeating: 0, count: resampler.outputCapacity(forInputCount: block))
        var start = 0
        while start < input.count {
            let end = min(start + block, input.count)
            let (consumed, produced) = input[start..<end].withUnsafeBufferPointer { i in
                buffer.withUnsafeMutableBufferPointer { resampler.process(i, into: $0) }
            }
            #expect(consumed == end - start)
            output += buffer[0..<produced]
            start = end
        }
        return output
    }

    static func dominantFrequency(_ pcm: [Int16], sampleRate: Int, around f: Double) -> Double {
        stride(from: f - 50, through: f + 50, by: 5).max { a, b in
            Signals.power(of: a, in: pcm, sampleRate: sampleRate) < Signals.power(of: b, in: pcm, sampleRate: sampleRate)
        } ?? 0
    }

    @Test func toneSurvives48kTo8kAndBack() throws {
        let tone = Signals.sine(frequency: 1000, sampleRate: 48000, count: 48000, amplitude: 0.5)
        let down = Self.run(try Resampler(inputRate: 48000, outputRate: 8000), tone)
        // The filter holds back its latency (a few ms) until more input comes.
        #expect(abs(down.count - 8000) <= 80)
        let up = Self.run(try Resampler(inputRate: 8000, outputRate: 48000), down)
        #expect(abs(up.count - 48000) <= 800)
        let settled = Array(up[4800..<(up.count - 4800)])
        #expect(abs(Signals.levelDBFS(settled) - Signals.levelDBFS(tone)) < 1)
        #expect(Self.dominantFrequency(settled, sampleRate: 48000, around: 1000) == 1000)
        #expect(Self.dominantFrequency(Array(down[800...]), sampleRate: 8000, around: 1000) == 1000)
    }

    @Test(arguments: [(48000, 16000), (16000, 48000), (44100, 48000), (48000, 44100), (44100, 8000), (8000, 16000)])
    func rateRatiosHold(input: Int, output: Int) throws {
        let tone = Signals.sine(frequency: 700, sampleRate: input, count: input / 2, amplitude: 0.4)
        let out = Self.run(try Resampler(inputRate: input, outputRate: output, quality: 3), tone)
        #expect(abs(out.count - output / 2) <= output / 100)
        let settled = Array(out[(output / 20)...])
        #expect(abs(Signals.levelDBFS(settled) - Signals.levelDBFS(tone)) < 1)
        #expect(Self.dominantFrequency(settled, sampleRate: output, around: 700) == 700)
    }

    @Test func badRatesAreErrors() {
        #expect(throws: CodecError.self) { try Resampler(inputRate: 0, outputRate: 8000) }
        #expect(throws: CodecError.self) { try Resampler(inputRate: 8000, outputRate: -1) }
    }

    @Test func emptyCallsAndReset() throws {
        let r = try Resampler(inputRate: 16000, outputRate: 8000, quality: 10)
        #expect(r.quality == 10 && r.inputLatency > 0)
        var out = [Int16](repeating: 0, count: 10)
        let empty: [Int16] = []
        let result = empty.withUnsafeBufferPointer { i in out.withUnsafeMutableBufferPointer { r.process(i, into: $0) } }
        #expect(result.consumed == 0 && result.produced == 0)
        r.reset()
        let tone = Signals.sine(frequency: 500, sampleRate: 16000, count: 1600)
        let a = Self.run(r, tone)
        r.reset()
        #expect(Self.run(r, tone) == a)
    }
}
