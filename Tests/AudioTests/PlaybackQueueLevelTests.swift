@testable import Audio
import Testing

extension AudioSuite {
    /// The queue a pushed PulseAudio playback stream keeps, and what a measurement of it
    /// makes the next push do.
    @Suite struct PlaybackQueueLevelTests {
        @Test func targetIsAFrameAndHalfOfABlockAndOfTheLatency() {
            // The call device: 16 kHz mono, 10 ms frames, 20 ms capture blocks, 40 ms asked.
            let level = PlaybackQueueLevel(format: AudioFormat(sampleRate: 16000), blockMilliseconds: 20, latencyMilliseconds: 40)
            #expect(level.target == 640)
            #expect(level.frame == 160)
            #expect(level.above == 240 && level.below == 80)
            let stereo = PlaybackQueueLevel(format: AudioFormat(sampleRate: 48000, channels: 2), blockMilliseconds: 10, latencyMilliseconds: 20)
            #expect(stereo.target == 48 * 2 * 25)
            #expect(stereo.frame == 960)
        }

        @Test(arguments: [
            // Within tolerance (the server renders 10 ms at a time): nothing.
            (800, 0), (800 + 240, 0), (800 - 80, 0),
            // Past it: whole frames towards the target, down never beyond it, up to the nearest.
            (800 + 241, 160), (800 + 319, 160), (800 + 320, 320), (800 - 81, -160), (800 - 160, -160),
            (800 - 239, -160), (800 - 240, -320), (800 - 400, -480),
            // A stalled device came back with two seconds queued: all but the target goes.
            (800 + 32000, 32000),
            // An underflow emptied it: the next push adds five frames of silence.
            (0, -800),
        ])
        func correctsOnlyPastTheTolerance(queued: Int, expected: Int) {
            let level = PlaybackQueueLevel(target: 800, frame: 160)
            #expect(level.correction(queued: queued) == expected)
        }

        /// A device whose clock runs 0.5 % slower than the microphone's (it plays less than
        /// the calls produce): measured every 100 ms, the queue stays within tolerance for a
        /// minute instead of growing 300 ms; and the same for one 0.5 % faster.
        @Test(arguments: [0.995, 1.005])
        func driftStaysBounded(playbackRate: Double) {
            let level = PlaybackQueueLevel(target: 800, frame: 160)
            var queued = 800.0
            var correction = 0
            var worst = 0.0
            for block in 0..<3000 {
                // A 20 ms push (320 samples) less what the correction drops or adds, then
                // 20 ms of playback at the device's rate.
                queued += Double(320 - correction)
                correction = 0
                if block % 5 == 0 { correction = level.correction(queued: Int(queued)) }
                queued -= 320 * playbackRate
                worst = max(worst, abs(queued + 320 * playbackRate - 800))
            }
            #expect(worst <= 240 + 160 + 1, "the queue strayed \(worst) samples from its target")
        }
    }
}
