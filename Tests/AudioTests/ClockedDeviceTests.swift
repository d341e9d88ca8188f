import Audio
import Foundation
import Testing
import TestLab

extension AudioSuite {
    @Suite struct ClockedDeviceTests {
        /// The null device runs at real-time pace: about 30 frames in 300 ms, all silence, and
        /// it drains what is played.
        @Test func nullDeviceKeepsRealTimePace() async throws {
            let device = try NullDevice(format: AudioFormat(sampleRate: 8000))
            try device.start()
            var media = MediaSide()
            try await media.pump(device, playing: [Int16](repeating: 1000, count: 8000), for: 0.3)
            device.stop()
            #expect((22...38).contains(device.frameCount), "\(device.frameCount) frames in 300 ms")
            #expect(media.captured.count >= 80 * 20)
            #expect(media.captured.allSatisfy { $0 == 0 })
            #expect(media.played >= 80 * 20)
            #expect(device.controls.level(.playback).peak > 0.02)
        }

        /// The WAV device loops its capture file and writes what it plays: a tone looped back
        /// from capture to playback comes out in the written file.
        @Test func wavDeviceLoopsCaptureAndWritesPlayback() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-audio-\(getpid())-wav")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let input = dir.appendingPathComponent("in.wav"), output = dir.appendingPathComponent("out.wav")
            // 0.1 s of a 1 kHz tone: 100 whole periods, so the loop is seamless.
            try WAV(sampleRate: 16000, samples: tone(1000, seconds: 0.1, sampleRate: 16000)).write(to: input)
            let device = try WAVFileDevice(captureFile: input.path, playbackFile: output.path, format: AudioFormat(sampleRate: 16000))
            try device.start()
            var media = MediaSide()
            try await media.pump(device, for: 0.6)
            // Loop the capture back into playback, then let the device write it out. The
            // slack rides out a busy machine: the file device writes silence on underrun.
            try await media.pump(device, playing: media.captured, for: 0.5, slackMilliseconds: 300)
            device.stop()
            #expect(media.captured.count >= 16000 / 2)
            let written = try WAV(contentsOf: output)
            #expect(written.sampleRate == 16000)
            #expect(written.duration > 0.9 && written.duration < 1.4, "\(written.duration) s")
            let analysis = ToneAnalysis(written)
            #expect(abs(analysis.frequency - 1000) < 5, "\(analysis)")
            #expect(analysis.toneSeconds > 0.4, "\(analysis)")
        }

        @Test func muteAndGainApplyOnTheDeviceSide() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-audio-\(getpid())-mute")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let input = dir.appendingPathComponent("in.wav")
            try WAV(sampleRate: 8000, samples: [Int16](repeating: 1000, count: 800)).write(to: input)
            let device = try WAVFileDevice(captureFile: input.path, format: AudioFormat(sampleRate: 8000))
            device.controls.captureGain = 2
            try device.start()
            var media = MediaSide()
            try await media.pump(device, for: 0.1)
            device.controls.isMuted = true
            try await media.pump(device, for: 0.05)
            media.captured = []
            try await media.pump(device, for: 0.1)
            device.stop()
            #expect(!media.captured.isEmpty && media.captured.allSatisfy { $0 == 0 })
            // The meter still hears the microphone (with gain) while muted.
            #expect(abs(device.controls.level(.capture).peak - 2000.0 / 32768) < 0.001)
        }

        @Test func wavDeviceRejectsAFileAtAnotherRate() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-audio-\(getpid())-rate")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let input = dir.appendingPathComponent("in.wav")
            try WAV(sampleRate: 8000, samples: [1, 2, 3]).write(to: input)
            #expect(throws: AudioError.self) { try WAVFileDevice(captureFile: input.path, format: AudioFormat(sampleRate: 48000)) }
            #expect(throws: AudioError.self) { try WAVFileDevice(captureFile: dir.appendingPathComponent("missing.wav").path) }
        }
    }
}
