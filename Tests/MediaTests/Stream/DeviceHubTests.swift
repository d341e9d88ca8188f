import Foundation
import Media
import SDP
import Testing
import Audio

/// Calls through the engine's device hub, with the WAV backend as the sound card (a real
/// `AudioDevice` with its own clock thread): the microphone reaches the peer resampled to
/// the codec rate, the peer reaches the speaker, a held call neither hears nor is heard,
/// and two connected calls hear each other (a conference).
@Suite(.timeLimit(.minutes(1)), .serialized)
struct DeviceHubTests {
    let pcmu = NegotiatedCodec(payloadType: 0, name: "PCMU", clockRate: 8000)
    let g722 = NegotiatedCodec(payloadType: 9, name: "G722", clockRate: 8000)

    final class Lab {
        let engine: MediaEngine
        let directory: String
        let device: WAVFileDevice
        let speaker: String
        var cleanup: [() -> Void] = []

        /// The "microphone" says `micTone` Hz; what the "speaker" plays goes to a file.
        init(micTone: Double) throws {
            engine = try MediaEngine()
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-hub-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let mic = directory + "/mic.wav"
            speaker = directory + "/speaker.wav"
            try WAVFile(format: WAVFormat(sampleRate: 16000, channels: 1),
                        samples: Signals.sine(frequency: micTone, sampleRate: 16000, count: 16000, amplitude: 0.3)).write(to: mic)
            device = try WAVFileDevice(captureFile: mic, playbackFile: speaker, format: AudioFormat(sampleRate: 16000))
            try device.start()
        }

        /// A socket pair for a stream.
        func sockets() throws -> (rtp: MediaSocket, rtcp: MediaSocket) {
            try MediaSocket.bindPair(host: "127.0.0.1", ports: 43000...44999)
        }

        func file(_ name: String) -> String { directory + "/" + name }

        func finish() {
            engine.stop()
            device.stop()
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// A peer stream that sends `tone` and writes what it hears into `heard`.
    func peer(_ lab: Lab, codec: NegotiatedCodec, rate: Int, tone: Double, to remote: UInt16,
              sockets: (rtp: MediaSocket, rtcp: MediaSocket), heard: String) throws -> MediaStreamID {
        try lab.engine.addStream(
            MediaStreamConfiguration(codec: codec, remote: SocketAddress(host: "127.0.0.1", port: remote), rtcpMux: true,
                                     input: .samples(Signals.sine(frequency: tone, sampleRate: rate, count: rate, amplitude: 0.3), loop: true),
                                     output: .file(path: heard), cname: "peer"),
            rtp: sockets.rtp, rtcp: sockets.rtcp, monitor: StreamMonitor())
    }

    func local(codec: NegotiatedCodec, to remote: UInt16, connected: Bool = true) -> MediaStreamConfiguration {
        MediaStreamConfiguration(codec: codec, remote: SocketAddress(host: "127.0.0.1", port: remote), rtcpMux: true,
                                 input: connected ? .device : .silence, output: connected ? .device : .discard, cname: "local")
    }

    /// The last `seconds` of a file's samples.
    func tail(_ path: String, seconds: Double) throws -> (samples: [Int16], rate: Int) {
        let file = try WAVFile(contentsOf: path)
        let count = Int(Double(file.format.sampleRate) * seconds)
        return (Array(file.samples.suffix(count)), file.format.sampleRate)
    }

    /// Also with echo cancellation and noise suppression on (the WAV device has no echo:
    /// the microphone's tone must come through them), which a narrowband call runs at 8 kHz.
    @Test(arguments: [(8000, "PCMU", false), (16000, "G722", false), (8000, "PCMU", true), (16000, "G722", true)])
    func theMicrophoneReachesThePeerAndThePeerTheSpeaker(rate: Int, name: String, processed: Bool) async throws {
        let codec = name == "PCMU" ? pcmu : g722
        let lab = try Lab(micTone: 1000)
        let processing = processed ? CaptureProcessing(echoCancel: true, noiseSuppression: true) : CaptureProcessing()
        try await lab.engine.attachDevice(lab.device, processing: processing)
        let mine = try lab.sockets(), theirs = try lab.sockets()
        let heard = lab.file("peer.wav")
        _ = try lab.engine.addStream(local(codec: codec, to: theirs.rtp.localAddress.port), rtp: mine.rtp, rtcp: mine.rtcp,
                                     monitor: StreamMonitor())
        _ = try peer(lab, codec: codec, rate: rate, tone: 440, to: mine.rtp.localAddress.port, sockets: theirs, heard: heard)
        try await Task.sleep(for: .seconds(1.5))
        let statistics = try #require(await lab.engine.deviceStatistics())
        lab.finish()

        let peerHears = try tail(heard, seconds: 0.8)
        #expect(Signals.power(of: 1000, in: peerHears.samples, sampleRate: peerHears.rate)
                    > 100 * Signals.power(of: 440, in: peerHears.samples, sampleRate: peerHears.rate))
        #expect(Signals.levelDBFS(peerHears.samples) > -20, "level \(Signals.levelDBFS(peerHears.samples))")
        let speaker = try tail(lab.speaker, seconds: 0.8)
        #expect(speaker.rate == 16000)
        #expect(Signals.power(of: 440, in: speaker.samples, sampleRate: 16000)
                    > 100 * Signals.power(of: 1000, in: speaker.samples, sampleRate: 16000))
        #expect(Signals.levelDBFS(speaker.samples) > -20, "level \(Signals.levelDBFS(speaker.samples))")
        // Paced by the device: about 100 frames a second, hardly any missing.
        #expect(statistics.framesCaptured > 120, "\(statistics)")
        #expect(statistics.framesMissing < 10, "\(statistics)")
        #expect(statistics.connectedCalls == 1)
        #expect(statistics.mixRate == rate)
    }

    @Test func theMixRateFollowsTheConnectedCalls() async throws {
        let lab = try Lab(micTone: 1000)
        try await lab.engine.attachDevice(lab.device, processing: CaptureProcessing(echoCancel: true))
        let one = try lab.sockets(), two = try lab.sockets(), three = try lab.sockets()
        func mixRate() async throws -> Int { try #require(await lab.engine.deviceStatistics()).mixRate }
        #expect(try await mixRate() == 16000)
        let first = try lab.engine.addStream(local(codec: pcmu, to: 9), rtp: one.rtp, rtcp: one.rtcp, monitor: StreamMonitor())
        #expect(try await mixRate() == 8000)
        let wide = try lab.engine.addStream(local(codec: g722, to: 9), rtp: two.rtp, rtcp: two.rtcp, monitor: StreamMonitor())
        #expect(try await mixRate() == 16000)
        let second = try lab.engine.addStream(local(codec: pcmu, to: 9), rtp: three.rtp, rtcp: three.rtcp, monitor: StreamMonitor())
        lab.engine.remove(wide)
        #expect(try await mixRate() == 8000)
        lab.engine.remove(second)
        #expect(try await mixRate() == 8000)
        lab.engine.remove(first)
        #expect(try await mixRate() == 16000)
        lab.finish()
    }

    @Test func aHeldCallNeitherHearsNorIsHeard() async throws {
        let lab = try Lab(micTone: 1000)
        try await lab.engine.attachDevice(lab.device, processing: CaptureProcessing())
        let mine = try lab.sockets(), theirs = try lab.sockets()
        let heard = lab.file("peer.wav")
        let id = try lab.engine.addStream(local(codec: pcmu, to: theirs.rtp.localAddress.port), rtp: mine.rtp, rtcp: mine.rtcp,
                                          monitor: StreamMonitor())
        _ = try peer(lab, codec: pcmu, rate: 8000, tone: 440, to: mine.rtp.localAddress.port, sockets: theirs, heard: heard)
        try await Task.sleep(for: .seconds(0.6))
        try lab.engine.reconfigureStream(id, local(codec: pcmu, to: theirs.rtp.localAddress.port, connected: false))
        try await Task.sleep(for: .seconds(1))
        let statistics = try #require(await lab.engine.deviceStatistics())
        lab.finish()
        #expect(statistics.connectedCalls == 0)
        let peerHears = try tail(heard, seconds: 0.5)
        #expect(Signals.levelDBFS(peerHears.samples) < -60, "the held peer hears the microphone")
        let speaker = try tail(lab.speaker, seconds: 0.5)
        #expect(Signals.levelDBFS(speaker.samples) < -60, "the speaker plays the held call")
    }

    /// A narrowband and a wideband call (mixed at 16 kHz), and two narrowband calls (at 8 kHz).
    @Test(arguments: [false, true])
    func twoConnectedCallsHearEachOtherAndTheMicrophone(narrowband: Bool) async throws {
        let second = narrowband ? pcmu : g722, secondRate = narrowband ? 8000 : 16000
        let lab = try Lab(micTone: 1000)
        try await lab.engine.attachDevice(lab.device, processing: CaptureProcessing())
        let mine1 = try lab.sockets(), theirs1 = try lab.sockets(), mine2 = try lab.sockets(), theirs2 = try lab.sockets()
        let heard1 = lab.file("peer1.wav"), heard2 = lab.file("peer2.wav")
        _ = try lab.engine.addStream(local(codec: pcmu, to: theirs1.rtp.localAddress.port), rtp: mine1.rtp, rtcp: mine1.rtcp,
                                     monitor: StreamMonitor())
        _ = try lab.engine.addStream(local(codec: second, to: theirs2.rtp.localAddress.port), rtp: mine2.rtp, rtcp: mine2.rtcp,
                                     monitor: StreamMonitor())
        _ = try peer(lab, codec: pcmu, rate: 8000, tone: 440, to: mine1.rtp.localAddress.port, sockets: theirs1, heard: heard1)
        _ = try peer(lab, codec: second, rate: secondRate, tone: 700, to: mine2.rtp.localAddress.port, sockets: theirs2, heard: heard2)
        try await Task.sleep(for: .seconds(1.5))
        let statistics = try #require(await lab.engine.deviceStatistics())
        lab.finish()
        #expect(statistics.connectedCalls == 2)
        #expect(statistics.mixRate == secondRate)

        let one = try tail(heard1, seconds: 0.8), two = try tail(heard2, seconds: 0.8)
        func power(_ f: Double, _ s: (samples: [Int16], rate: Int)) -> Double { Signals.power(of: f, in: s.samples, sampleRate: s.rate) }
        // Each peer hears the microphone and the other peer, and not itself.
        #expect(power(1000, one) > 100 * power(440, one))
        #expect(power(700, one) > 100 * power(440, one))
        #expect(power(1000, two) > 100 * power(700, two))
        #expect(power(440, two) > 100 * power(700, two))
        let speaker = try tail(lab.speaker, seconds: 0.8)
        #expect(power(440, speaker) > 100 * power(1000, speaker))
        #expect(power(700, speaker) > 100 * power(1000, speaker))
    }

    @Test func tonesAndTheRingtonePlayWithoutACall() async throws {
        let lab = try Lab(micTone: 1000)
        try await lab.engine.attachDevice(lab.device, processing: CaptureProcessing())
        try lab.engine.playTone(TonePlan(frequencies: [425], level: -10))
        try await Task.sleep(for: .seconds(0.6))
        try lab.engine.playTone(nil)
        try lab.engine.ring(Signals.sine(frequency: 2000, sampleRate: 16000, count: 1600, amplitude: 0.3))
        try await Task.sleep(for: .seconds(0.6))
        let ringing = try #require(await lab.engine.deviceStatistics())
        lab.finish()
        #expect(ringing.ringing && !ringing.playingTone)
        let file = try WAVFile(contentsOf: lab.speaker)
        let half = file.samples.count / 2
        let first = Array(file.samples[..<half].suffix(4000)), second = Array(file.samples.suffix(4000))
        #expect(Signals.power(of: 425, in: first, sampleRate: 16000) > 100 * Signals.power(of: 2000, in: first, sampleRate: 16000))
        #expect(Signals.power(of: 2000, in: second, sampleRate: 16000) > 100 * Signals.power(of: 425, in: second, sampleRate: 16000))
    }

    @Test func aStalledDeviceStillTicksTheCalls() async throws {
        // No device frames at all: the engine falls back to its own clock.
        let lab = try Lab(micTone: 1000)
        lab.device.stop()
        try await lab.engine.attachDevice(lab.device, processing: CaptureProcessing())
        let mine = try lab.sockets(), theirs = try lab.sockets()
        let heard = lab.file("peer.wav")
        _ = try lab.engine.addStream(local(codec: pcmu, to: theirs.rtp.localAddress.port), rtp: mine.rtp, rtcp: mine.rtcp,
                                     monitor: StreamMonitor())
        _ = try peer(lab, codec: pcmu, rate: 8000, tone: 440, to: mine.rtp.localAddress.port, sockets: theirs, heard: heard)
        try await Task.sleep(for: .seconds(1))
        let statistics = try #require(await lab.engine.deviceStatistics())
        lab.finish()
        #expect(statistics.framesMissing > 10, "\(statistics)")
        // The calls go on at full pace (the peer's own ticks are the engine's too).
        let file = try WAVFile(contentsOf: heard)
        #expect(file.samples.count > 6000, "\(file.samples.count) samples in 1 s")
    }
}
