import Audio
import Foundation
import Testing
import TestLab

extension AudioSuite {
    /// The ALSA backend through alsa-lib's `file` PCM plugin (over the `null` PCM, which has
    /// no clock: the stream runs as fast as the thread loops) configured by an asoundrc text,
    /// and through the built-in `null` PCM.
    @Suite struct AlsaDeviceTests {
        /// Capture reads a raw tone through the plugin's `infile`; playback writes what the
        /// ring held into the plugin's output file.
        @Test func toneGoesThroughTheFilePlugin() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-audio-\(getpid())-alsa")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let input = dir.appendingPathComponent("in.raw"), output = dir.appendingPathComponent("out.raw")
            let sent = tone(1000, seconds: 0.15, sampleRate: 16000)
            try sent.withUnsafeBytes { Data($0) }.write(to: input)
            let configuration = """
            pcm.tofile { type file slave.pcm "null" file "\(output.path)" format "raw" }
            pcm.fromfile { type file slave.pcm "null" file "/dev/null" infile "\(input.path)" format "raw" }
            pcm.null { type null }
            """
            let device = try AlsaDevice(configuration: .init(captureDevice: "fromfile", playbackDevice: "tofile",
                                                             configurationText: configuration),
                                        format: AudioFormat(sampleRate: 16000))
            device.playbackRing?.write(sent)
            try device.start()
            let granted = try #require(device.granted(.playback))
            #expect(granted.period == 160, "\(granted)")
            var media = MediaSide()
            try await media.pump(device, for: 0.1)
            device.stop()
            let heard = ToneAnalysis(WAV(sampleRate: 16000, samples: Array(media.captured.prefix(sent.count))))
            #expect(abs(heard.frequency - 1000) < 5, "\(heard)")
            #expect(Array(media.captured.prefix(sent.count)) == sent)
            let written = try Data(contentsOf: output).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
            #expect(Array(written.prefix(sent.count)) == sent, "\(written.count) samples written")
        }

        /// ALSA carries a tone through alsa-lib's `pulse` plugin (libasound2-plugins) to the
        /// lab's null sink and back from its monitor.
        @Test func toneLoopsThroughThePulsePlugin() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                let configuration = """
                pcm.labsink { type pulse server "\(pulse.server)" device "\(pulse.sink)" }
                pcm.labmonitor { type pulse server "\(pulse.server)" device "\(pulse.sink).monitor" }
                """
                let device = try AlsaDevice(configuration: .init(captureDevice: "labmonitor", playbackDevice: "labsink",
                                                                 configurationText: configuration))
                let sent = tone(1000, seconds: 1, sampleRate: 48000)
                try device.start()
                defer { device.stop() }
                var media = MediaSide()
                _ = try await media.waitForCapture(device)
                media.captured = []
                try await media.pump(device, playing: sent, for: 1.4)
                let analysis = ToneAnalysis(WAV(sampleRate: 48000, samples: media.captured))
                try #require(abs(analysis.frequency - 1000) < 5, "\(analysis)")
                #expect(analysis.signalToNoiseDB > 30, "\(analysis)")
                #expect(analysis.toneSeconds > 0.8, "\(analysis)")
                let onset = try #require(media.captured.firstIndex { abs(Int($0)) > 1000 })
                print("alsa (pulse plugin) round trip at 40 ms buffers: \(onset * 1000 / 48000) ms")
            }
        }

        @Test func nullPCMRuns() async throws {
            let device = try AlsaDevice(configuration: .init(captureDevice: "nothing", playbackDevice: "nothing",
                                                             configurationText: "pcm.nothing { type null }"),
                                        format: AudioFormat(sampleRate: 8000))
            try device.start()
            var media = MediaSide()
            try await media.pump(device, playing: [Int16](repeating: 500, count: 4000), for: 0.3)
            device.stop()
            #expect(media.captured.count >= 80 * 10, "\(media.captured.count) samples")
            #expect(media.played >= 80 * 10)
        }

        @Test func unknownPCMFailsNamingIt() {
            let error = #expect(throws: AudioError.self) {
                try AlsaDevice(configuration: .init(captureDevice: "no_such_pcm", playbackDevice: "no_such_pcm",
                                                    configurationText: "pcm.nothing { type null }")).start()
            }
            #expect(error?.device == "alsa:no_such_pcm")
        }

        @Test func listsHints() throws {
            let devices = try AlsaDeviceList.list()
            #expect(devices.contains { $0.name == "null" || $0.name == "default" }, "\(devices.map(\.name))")
        }

        @Test func autoFallsToAlsaThenNull() {
            let noServer = "unix:/nonexistent/pipit/native"
            let alsa = AudioBackendSelection.choose(pulseServer: noServer, alsaCapture: "nothing", alsaPlayback: "nothing",
                                                    alsaConfigurationText: "pcm.nothing { type null }")
            #expect(alsa.backend == .alsa, "\(alsa)")
            let none = AudioBackendSelection.choose(pulseServer: noServer, alsaCapture: "no_such_pcm", alsaPlayback: "no_such_pcm",
                                                    alsaConfigurationText: "pcm.nothing { type null }")
            #expect(none.backend == .null)
            #expect(none.isWarning)
            #expect(none.description.hasPrefix("warning:"), "\(none)")
        }
    }
}
