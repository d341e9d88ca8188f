import Foundation
import Testing
import TestLab

@Suite struct PulseAudioTests {
    /// The private daemon has the null sink, and a tone played to it comes back from its
    /// monitor source.
    @Test(.timeLimit(.minutes(1)))
    func toneThroughNullSinkMonitor() async throws {
        try await Lab.run { lab in
            let pulse = try await lab.startPulseAudio()
            let sinks = try await lab.execute("pactl", .pactl, ["list", "short", "sinks"], environment: pulse.clientEnvironment)
            #expect(sinks.status == .exited(0))
            #expect(sinks.output.contains(pulse.sink), "\(sinks.output)")

            let dir = try lab.makeDirectory("audio")
            let played = dir.appendingPathComponent("tone.wav")
            let recorded = dir.appendingPathComponent("recorded.wav")
            try Tone.sine(frequency: 440, seconds: 1.5, sampleRate: pulse.sampleRate).write(to: played)

            let recorder = try lab.spawn("parecord", .parecord, [
                "--device=\(pulse.sink).monitor", "--latency-msec=20", "--rate=\(pulse.sampleRate)", "--channels=1", "--format=s16le",
                "--file-format=wav", recorded.path,
            ], environment: pulse.clientEnvironment)
            // Recording runs once samples (silence) reach the file after its 44-byte header.
            try await Poll.until("parecord to write samples", timeout: .seconds(10)) {
                let size = (try? FileManager.default.attributesOfItem(atPath: recorded.path)[.size] as? Int) ?? 0
                return size > 44 + 4800
            }
            let play = try await lab.execute("paplay", .paplay, ["--device=\(pulse.sink)", "--latency-msec=20", played.path],
                                             environment: pulse.clientEnvironment)
            #expect(play.status == .exited(0), "\(play.output)")
            await recorder.stop(signal: SIGINT)

            let analysis = ToneAnalysis(try WAV(contentsOf: recorded))
            try #require(abs(analysis.frequency - 440) <= 2, "\(analysis)")
            try #require(analysis.signalToNoiseDB > 30, "\(analysis)")
            try #require(analysis.toneSeconds >= 1.2, "\(analysis)")
        }
    }
}
