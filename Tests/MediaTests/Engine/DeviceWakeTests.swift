import Audio
import Foundation
import Glibc
import Media
import Testing

/// The media loop sleeps until the sound device hands over frames: one wake-up per burst
/// (PulseAudio delivers 20 ms at once), not a timed guess polled every few milliseconds.
@Suite(.timeLimit(.minutes(1)))
struct DeviceWakeTests {
    /// A device whose microphone the test feeds by hand (and whose speaker it drains, in
    /// StallBacklogTests).
    final class HandFedDevice: AudioDevice, @unchecked Sendable {
        let description = "hand-fed"
        let format = AudioFormat(sampleRate: 16000)
        let captureRing: SampleRing? = SampleRing(capacity: 3200)
        let playbackRing: SampleRing? = SampleRing(capacity: 3200)
        let controls = AudioControls()
        let events = AudioEvents()
        func start() throws(AudioError) {}
        func stop() {}
    }

    @Test func theLoopWakesOncePerBurstOfFrames() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let device = HandFedDevice()
        try await engine.attachDevice(device, processing: CaptureProcessing())
        let before = try #require(await engine.deviceStatistics())
        let bursts = 40
        let producer = Thread {
            let burst = [Int16](repeating: 100, count: 320)
            for _ in 0..<bursts {
                usleep(20_000)
                device.captureRing?.write(burst)
            }
        }
        producer.start()
        try await Task.sleep(for: .milliseconds(20 * bursts + 300))
        let after = try #require(await engine.deviceStatistics())
        #expect(after.framesCaptured - before.framesCaptured == 2 * bursts, "\(after)")
        // One per burst, plus the statistics request, the stall check after the last burst
        // and a few spare (a burst that arrives while the loop is awake saves one; a late
        // scheduler adds none; stalled time, before the first burst and after the last,
        // does not count).
        let wakeUps = after.wakeUps - before.wakeUps
        #expect(wakeUps >= bursts / 2 && wakeUps <= bursts + 6, "\(wakeUps) wake-ups for \(bursts) bursts")
    }

    /// PulseAudio's way: a 20 ms fragment as two 10 ms pieces a millisecond apart. The
    /// loop learns it and wakes once per pair, not once per piece; frames 10 ms apart
    /// (ALSA's way) still wake it once each, with none left waiting.
    @Test(arguments: [1_000, 10_000])
    func theLoopWaitsForAPairOnlyWhenFramesComeInPairs(gapMicroseconds: UInt32) async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let device = HandFedDevice()
        try await engine.attachDevice(device, processing: CaptureProcessing())
        let before = try #require(await engine.deviceStatistics())
        let bursts = 40
        let producer = Thread {
            let piece = [Int16](repeating: 100, count: 160)
            for _ in 0..<bursts {
                usleep(20_000 - gapMicroseconds)
                device.captureRing?.write(piece)
                usleep(gapMicroseconds)
                device.captureRing?.write(piece)
            }
        }
        producer.start()
        try await Task.sleep(for: .milliseconds(20 * bursts + 300))
        let after = try #require(await engine.deviceStatistics())
        #expect(after.framesCaptured - before.framesCaptured == 2 * bursts, "\(after)")
        let wakeUps = after.wakeUps - before.wakeUps
        if gapMicroseconds < 4_000 {
            // A few single wake-ups while it learns (and again after a pair a busy machine
            // pulled apart), then one per pair; a wake-up per piece would be 80.
            #expect(wakeUps <= bursts * 3 / 2, "\(wakeUps) wake-ups for \(bursts) pairs")
        } else {
            #expect(wakeUps >= 2 * bursts - 10, "\(wakeUps) wake-ups for \(2 * bursts) single frames")
        }
    }
}
