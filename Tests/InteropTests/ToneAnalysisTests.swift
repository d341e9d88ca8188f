import Testing
import TestLab

/// The audio helpers the interop tests rely on, checked on known signals.
@Suite struct ToneAnalysisTests {
    @Test func findsToneFrequencyAndDuration() throws {
        let wav = Tone.sine(frequency: 1003, seconds: 2, sampleRate: 8000)
        let analysis = ToneAnalysis(wav)
        #expect(abs(analysis.frequency - 1003) <= 1, "\(analysis)")
        #expect(analysis.signalToNoiseDB > 30, "\(analysis)")
        #expect(analysis.toneSeconds >= 1.9, "\(analysis)")
        #expect(abs(analysis.levelDBFS - -9) < 1, "\(analysis)")  // 0.5 full scale sine: -9 dBFS
    }

    @Test func silenceHasNoTone() {
        let analysis = ToneAnalysis(Tone.silence(seconds: 1))
        #expect(analysis.toneSeconds == 0)
        #expect(analysis.levelDBFS < -100)
    }

    @Test func wavRoundTripsStereo() throws {
        let wav = Tone.sine(frequency: 440, seconds: 0.5, sampleRate: 48000, channels: 2)
        let back = try WAV(decoding: wav.encoded())
        #expect(back == wav)
        #expect(back.channel(1).count == 24000)
        #expect(abs(ToneAnalysis(back, channel: 1).frequency - 440) <= 1)
    }

    @Test func truncatedWAVIsRejectedNotTrapped() {
        let bytes = Tone.sine(frequency: 440, seconds: 0.1).encoded()
        for cut in [0, 4, 11, 20, 36, 40] {
            #expect(throws: WAVError.self) { try WAV(decoding: bytes.prefix(cut)) }
        }
    }
}
