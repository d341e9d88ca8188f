import Audio
import Foundation
import Testing
import TestLab

extension AudioSuite {
    /// An ALSA PCM that dies mid-call, through alsa-lib's `pulse` plugin: the "headset" is
    /// the only sink of one PulseAudio daemon (so the server cannot rescue the stream: the
    /// plugin reports an I/O error, as a `hw:` PCM does when its USB card goes), and the
    /// `default` PCM of the test's asoundrc is a second daemon, "the speakers".
    @Suite struct AlsaFallbackTests {
        @Test func unpluggedPCMFallsBackToDefaultAndReturns() async throws {
            try await Lab.run { lab in
                let headset = try await lab.startPulseAudio(sink: "headset")
                let speakers = try await lab.startPulseAudio(sink: "speakers")
                // `default` is the speakers, and their monitor stands for the built-in
                // microphone: it hears what the fallback plays.
                let configuration = """
                pcm.headset { type pulse server "\(headset.server)" device "headset" }
                pcm.headsetmic { type pulse server "\(headset.server)" device "headset.monitor" }
                pcm.speakers { type pulse server "\(speakers.server)" device "speakers" }
                pcm.speakersmic { type pulse server "\(speakers.server)" device "speakers.monitor" }
                pcm.default { type asym playback.pcm "speakers" capture.pcm "speakersmic" }
                """
                let device = try AlsaDevice(configuration: .init(captureDevice: "headsetmic", playbackDevice: "headset",
                                                                 configurationText: configuration),
                                            format: AudioFormat(sampleRate: 48000))
                try device.start()
                defer { device.stop() }
                #expect(device.currentDevice(.playback) == "headset")
                let before = try await Self.listen(for: 440, through: device)
                #expect(abs(before.frequency - 440) < 5, "through the headset: \(before)")

                // Unplugged: both streams move to `default`, and the call's audio still flows.
                _ = try await headset.pactl(["unload-module", "module-null-sink"], in: lab)
                var lost: [AudioEvent] = []
                for _ in 0..<2 {
                    if let event = await firstEvent(device.events, within: 5, where: { if case .deviceLost = $0 { true } else { false } }) {
                        lost.append(event)
                    }
                }
                #expect(Set(lost.map(\.description)) == [
                    AudioEvent.deviceLost(.playback, device: "headset", fallback: "default").description,
                    AudioEvent.deviceLost(.capture, device: "headsetmic", fallback: "default").description,
                ])
                #expect(device.currentDevice(.playback) == "default")
                #expect(device.currentDevice(.capture) == "default")
                let onFallback = try await Self.listen(for: 1000, through: device)
                #expect(abs(onFallback.frequency - 1000) < 5, "through the fallback: \(onFallback)")

                // Plugged back in: both streams return to it within a probe or two.
                try await headset.loadNullSink("headset", in: lab)
                var back: [AudioEvent] = []
                for _ in 0..<2 {
                    if let event = await firstEvent(device.events, within: 5, where: { if case .deviceBack = $0 { true } else { false } }) {
                        back.append(event)
                    }
                }
                #expect(Set(back.map(\.description)) == [
                    AudioEvent.deviceBack(.playback, device: "headset").description,
                    AudioEvent.deviceBack(.capture, device: "headsetmic").description,
                ])
                #expect(device.currentDevice(.playback) == "headset")
                let returned = try await Self.listen(for: 700, through: device)
                #expect(abs(returned.frequency - 700) < 5, "back on the headset: \(returned)")
            }
        }

        /// Plays a tone through `device` while capturing, half a second at a time, until a
        /// round hears it (a stream that just opened on a fresh monitor delivers in bursts
        /// at first); at most five seconds. Returns the last round's analysis.
        static func listen(for frequency: Double, through device: AlsaDevice) async throws -> ToneAnalysis {
            var media = MediaSide()
            let playing = tone(frequency, seconds: 6, sampleRate: 48000)
            var analysis = ToneAnalysis(WAV(sampleRate: 48000, samples: []))
            for _ in 0..<10 {
                media.captured = []
                try await media.pump(device, playing: playing, for: 0.5)
                analysis = ToneAnalysis(WAV(sampleRate: 48000, samples: media.captured))
                if abs(analysis.frequency - frequency) < 5, analysis.toneSeconds > 0.25 { break }
            }
            return analysis
        }

        /// A configured PCM that is missing at start: the streams open on the fallback and
        /// say so, as PulseAudio does for a missing sink.
        @Test func missingPCMAtStartOpensTheFallback() async throws {
            let device = try AlsaDevice(configuration: .init(captureDevice: "usb", playbackDevice: "usb",
                                                             configurationText: "pcm.nothing { type null }",
                                                             fallbackDevice: "nothing"),
                                        format: AudioFormat(sampleRate: 8000))
            try device.start()
            defer { device.stop() }
            #expect(device.currentDevice(.capture) == "nothing")
            #expect(device.currentDevice(.playback) == "nothing")
            var lost: [String] = []
            for _ in 0..<2 {
                if let event = await firstEvent(device.events, within: 1, where: { _ in true }) { lost.append(event.description) }
            }
            #expect(Set(lost) == [AudioEvent.deviceLost(.capture, device: "usb", fallback: "nothing").description,
                                  AudioEvent.deviceLost(.playback, device: "usb", fallback: "nothing").description])
            var media = MediaSide()
            try await media.pump(device, playing: [Int16](repeating: 500, count: 2000), for: 0.2)
            #expect(media.captured.count >= 80 * 5, "the fallback carries audio: \(media.captured.count) samples")
        }

        /// With no fallback configured, a dead PCM ends the stream with `failed`.
        @Test func withoutFallbackADeadPCMFails() async throws {
            try await Lab.run { lab in
                let headset = try await lab.startPulseAudio(sink: "headset")
                let configuration = "pcm.headset { type pulse server \"\(headset.server)\" device \"headset\" }"
                let device = try AlsaDevice(configuration: .init(playbackDevice: "headset", configurationText: configuration,
                                                                 fallbackDevice: nil),
                                            format: AudioFormat(sampleRate: 48000), streams: .playback)
                try device.start()
                defer { device.stop() }
                var media = MediaSide()
                try await media.pump(device, playing: tone(1000, seconds: 0.3, sampleRate: 48000), for: 0.3)
                _ = try await headset.pactl(["unload-module", "module-null-sink"], in: lab)
                let failed = await firstEvent(device.events, within: 5) { if case .failed = $0 { true } else { false } }
                guard case .failed(.playback, let error) = failed else {
                    Issue.record("no failure: \(String(describing: failed))")
                    return
                }
                #expect(error.device == "alsa:headset")
            }
        }
    }
}
