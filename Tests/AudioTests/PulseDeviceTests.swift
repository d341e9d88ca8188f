import Audio
import Foundation
import Testing
import TestLab

extension AudioSuite {
    /// The PulseAudio backend against the lab's private daemon (a null sink `lab_sink` at
    /// 48 kHz, its monitor as a capture source).
    @Suite struct PulseDeviceTests {
        @Test func listsSinksSourcesAndDefaults() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                let devices = try PulseDeviceList.list(server: pulse.server)
                let sink = try #require(devices.first { $0.name == pulse.sink && $0.direction == .playback })
                #expect(sink.isDefault)
                #expect(!sink.description.isEmpty)
                #expect(devices.contains { $0.name == "\(pulse.sink).monitor" && $0.direction == .capture })
            }
        }

        /// A tone played through pipit's playback stream comes back through pipit's capture of
        /// the sink's monitor: frequency and level checked. Also measures the round trip.
        @Test func toneLoopsThroughTheNullSinkMonitor() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                let device = try PulseDevice(configuration: .init(server: pulse.server, captureDevice: "\(pulse.sink).monitor",
                                                                  playbackDevice: pulse.sink))
                let sent = tone(1000, seconds: 1, sampleRate: 48000)
                try device.start()
                defer { device.stop() }
                var media = MediaSide()
                let warmUp = try await media.waitForCapture(device)
                print("pulse: first captured samples after \(warmUp) s")
                // From here on, the capture index of the tone's onset is the round trip.
                device.captureRing?.discardAll()
                media.captured = []
                try await media.pump(device, playing: sent, for: 1.4)
                let wav = WAV(sampleRate: 48000, samples: media.captured)
                let analysis = ToneAnalysis(wav)
                let peak = media.captured.map { abs(Int($0)) }.max() ?? 0
                try #require(abs(analysis.frequency - 1000) < 5,
                             "\(analysis); \(media.captured.count) samples, peak \(peak), played \(media.played), playback ring underruns \(device.playbackRing?.underruns ?? -1) avail \(device.playbackRing?.availableToRead ?? -1), capture ring avail \(device.captureRing?.availableToRead ?? -1) overruns \(device.captureRing?.overruns ?? -1)")
                #expect(analysis.signalToNoiseDB > 30, "\(analysis)")
                #expect(abs(analysis.levelDBFS - (-15)) < 2, "\(analysis)")
                #expect(analysis.toneSeconds > 0.9, "\(analysis)")
                let onset = try #require(media.captured.firstIndex { abs(Int($0)) > 1000 })
                print("pulse round trip (play → monitor → capture) at 40 ms latency: \(onset * 1000 / 48000) ms")
                #expect(device.controls.level(.playback).peak >= 0)
            }
        }

        /// A configured sink that is unloaded mid-stream (a USB headset unplugged): the stream
        /// falls back to the default sink with an event, and follows the sink when it returns.
        @Test func unplugFallsBackAndReplugFollows() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                let module = try await pulse.loadNullSink("headset", in: lab)
                let device = try PulseDevice(configuration: .init(server: pulse.server, playbackDevice: "headset"),
                                             format: AudioFormat(sampleRate: 48000), streams: .playback)
                try device.start()
                defer { device.stop() }
                #expect(device.currentDevice(.playback) == "headset")
                try await pulse.unloadModule(module, in: lab)
                let lost = await firstEvent(device.events, within: 5) {
                    if case .deviceLost = $0 { true } else { false }
                }
                try #require(lost == .deviceLost(.playback, device: "headset", fallback: pulse.sink), "\(String(describing: lost))")
                #expect(device.currentDevice(.playback) == pulse.sink)
                try await pulse.loadNullSink("headset", in: lab)
                let back = await firstEvent(device.events, within: 5) {
                    if case .deviceBack = $0 { true } else { false }
                }
                #expect(back == .deviceBack(.playback, device: "headset"))
                #expect(device.currentDevice(.playback) == "headset")
            }
        }

        /// The same for a microphone: the recorded source vanishes, capture falls back.
        @Test func lostSourceFallsBack() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                let module = try await pulse.loadNullSink("usb", in: lab)
                let device = try PulseDevice(configuration: .init(server: pulse.server, captureDevice: "usb.monitor"),
                                             streams: .capture)
                try device.start()
                defer { device.stop() }
                try await pulse.unloadModule(module, in: lab)
                let lost = await firstEvent(device.events, within: 5) { _ in true }
                #expect(lost == .deviceLost(.capture, device: "usb.monitor", fallback: "\(pulse.sink).monitor"))
            }
        }

        /// The user moves a call from the speakers to a headset and back to the default.
        @Test func switchesDeviceDuringACall() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                try await pulse.loadNullSink("headset", in: lab)
                let device = try PulseDevice(configuration: .init(server: pulse.server), streams: .playback)
                try device.start()
                defer { device.stop() }
                device.switchDevice(.playback, to: "headset")
                let there = await firstEvent(device.events, within: 5) { _ in true }
                #expect(there == .switched(.playback, device: "headset"))
                #expect(device.currentDevice(.playback) == "headset")
                device.switchDevice(.playback, to: nil)
                let back = await firstEvent(device.events, within: 5) { _ in true }
                #expect(back == .switched(.playback, device: pulse.sink))
                #expect(device.currentDevice(.playback) == pulse.sink)
            }
        }

        /// A stream on the default sink follows a new default.
        @Test func followsTheDefaultSink() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                try await pulse.loadNullSink("speakers", in: lab)
                let device = try PulseDevice(configuration: .init(server: pulse.server), streams: .playback)
                try device.start()
                defer { device.stop() }
                #expect(device.currentDevice(.playback) == pulse.sink)
                try await pulse.setDefaultSink("speakers", in: lab)
                let event = await firstEvent(device.events, within: 5) {
                    if case .followingDefault = $0 { true } else { false }
                }
                #expect(event == .followingDefault(.playback, device: "speakers"))
                #expect(device.currentDevice(.playback) == "speakers")
            }
        }

        /// A configured sink that is not there (headset unplugged before the call): the
        /// server's default plays instead, with an event, and the sink is followed when it comes.
        @Test func missingDeviceFallsBackAtStart() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                let device = try PulseDevice(configuration: .init(server: pulse.server, playbackDevice: "headset"), streams: .playback)
                try device.start()
                defer { device.stop() }
                let lost = await firstEvent(device.events, within: 5) { _ in true }
                #expect(lost == .deviceLost(.playback, device: "headset", fallback: pulse.sink))
                #expect(device.currentDevice(.playback) == pulse.sink)
                try await pulse.loadNullSink("headset", in: lab)
                let back = await firstEvent(device.events, within: 5) { _ in true }
                #expect(back == .deviceBack(.playback, device: "headset"))
            }
        }

        @Test func unreachableServerFailsNamingIt() throws {
            let device = try PulseDevice(configuration: .init(server: "unix:/nonexistent/pipit/native"), streams: .playback)
            let error = try #require(throws: AudioError.self) { try device.start() }
            #expect(error.device == "pulse:unix:/nonexistent/pipit/native", "\(error)")
        }

        /// `pipit audio test` against a loop: the monitor records the tone.
        @Test func audioCheckHearsTheToneThroughTheLoop() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                let device = try PulseDevice(configuration: .init(server: pulse.server, captureDevice: "\(pulse.sink).monitor",
                                                                  playbackDevice: pulse.sink))
                let result = try await AudioCheck.run(device: device, toneSeconds: 1, recordSeconds: 1.5)
                #expect(!result.isSilent, "\(result.summary)")
                #expect(!result.isClipping)
                #expect(abs(result.loudest.rmsDBFS - (-15)) < 2, "\(result.summary)")
                #expect(result.summary.contains("works"), "\(result.summary)")
                let analysis = ToneAnalysis(WAV(sampleRate: 48000, samples: result.recording))
                #expect(abs(analysis.frequency - 1000) < 5, "\(analysis)")
            }
        }

        @Test func autoChoosesPulseWhenItAnswers() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                let choice = AudioBackendSelection.choose(pulseServer: pulse.server)
                #expect(choice.backend == .pulse, "\(choice)")
                #expect(!choice.isWarning)
            }
        }
    }
}
