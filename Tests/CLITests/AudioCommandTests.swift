import Foundation
import Testing
import TestLab

/// `pipit audio devices` and `pipit audio test` against the lab's PulseAudio daemon: the
/// null sink's monitor is the microphone, so the test tone comes back as the recording.
@Suite(.timeLimit(.minutes(1)))
struct AudioCommandTests {
    @Test func devicesAndTestThroughThePulseAudioLab() async throws {
        try await Lab.run { lab in
            let pulse = try await lab.startPulseAudio()
            let list = try PipitBinary.run(["audio", "devices"], environment: pulse.clientEnvironment)
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.text.contains("audio backend pulse"), "\(list.text)")
            #expect(list.text.contains(pulse.sink), "\(list.text)")
            #expect(list.text.contains(pulse.sink + ".monitor"), "\(list.text)")

            let check = try PipitBinary.run(["audio", "test", "--backend", "pulse", "--input", pulse.sink + ".monitor",
                                             "--output", pulse.sink, "--seconds", "2"], environment: pulse.clientEnvironment)
            #expect(check.status == 0, "\(check.text) \(check.stderr)")
            #expect(check.text.contains("the microphone works"), "\(check.text)")
        }
    }

    @Test func withoutAnySoundSystemItSaysSoAndFails() throws {
        let result = try PipitBinary.run(["audio", "devices"], environment: ["PULSE_SERVER": "unix:/nonexistent/pulse", "ALSA_CONFIG_PATH": "/dev/null"])
        #expect(result.status == 1)
        #expect(result.text.contains("warning: audio backend null"), "\(result.text)")
    }
}
