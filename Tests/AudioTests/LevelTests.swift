import Audio
import Testing

extension AudioSuite {
    @Suite struct LevelTests {
        @Test func fullScaleSquareIsZeroDBFS() {
            let samples: [Int16] = [32767, -32768, 32767, -32768]
            let level = samples.withUnsafeBufferPointer { AudioLevel(of: $0) }
            #expect(abs(level.peakDBFS) < 0.01)
            #expect(abs(level.rmsDBFS) < 0.01)
        }

        @Test func silenceIsMinus120() {
            let level = [Int16](repeating: 0, count: 10).withUnsafeBufferPointer { AudioLevel(of: $0) }
            #expect(level.peakDBFS == -120)
            #expect(level.rmsDBFS == -120)
        }

        @Test func gainIsClampedAndSetInDecibels() {
            let controls = AudioControls()
            controls.setGain(.capture, decibels: 6)
            #expect(abs(controls.captureGain - 1.995) < 0.01)
            controls.playbackGain = 100
            #expect(controls.playbackGain == 16)
            controls.playbackGain = .nan
            #expect(controls.playbackGain == 1)
        }

        @Test func measureFindsClippingAndSilence() {
            var samples = [Int16](repeating: 0, count: 8000)
            var result = AudioCheck.measure(samples, sampleRate: 8000, toneFrequency: 1000)
            #expect(result.isSilent)
            for index in 0..<100 { samples[index * 10] = 32767 }
            result = AudioCheck.measure(samples, sampleRate: 8000, toneFrequency: 1000)
            #expect(!result.isSilent)
            #expect(result.clippedSamples == 100)
            #expect(result.isClipping)
            #expect(result.summary.contains("clips"))
        }
    }
}

extension AudioSuite.LevelTests {
    /// The audio test against a device that captures nothing but silence ends and says so.
    @Test func audioCheckReportsSilence() async throws {
        let device = try NullDevice(format: AudioFormat(sampleRate: 8000))
        let result = try await AudioCheck.run(device: device, toneSeconds: 0.2, recordSeconds: 0.3, playBack: false)
        #expect(result.isSilent)
        #expect(result.summary.contains("no sound was recorded"), "\(result.summary)")
        #expect(abs(result.seconds - 0.3) < 0.01)
    }
}
