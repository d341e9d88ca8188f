import Foundation
import Testing
import Audio
import TestLab

/// A call through ALSA whose headset goes away mid-call. The headset is the only sink of one
/// PulseAudio daemon, reached through alsa-lib's pulse plugin (so nothing can rescue its
/// streams: the PCMs fail, as a USB card's do when it is pulled out); `default` in the
/// asoundrc is a second daemon, the laptop's speakers and microphone. pipit must keep the
/// call, say what happened, carry the call on `default`, and go back when the headset
/// returns; then the user moves the call to the laptop's speakers by hand.
@Suite(.timeLimit(.minutes(2)), .serialized)
struct AlsaFallbackCallTests {
    @Test func headsetPulledOutMidCallFallsBackToDefaultAndReturns() async throws {
        try await Lab.run { lab in try await pullTheHeadset(lab) }
    }

    func pullTheHeadset(_ lab: Lab) async throws {
        signal(SIGPIPE, SIG_IGN)
        let headset = try await lab.startPulseAudio(sink: "headset", sampleRate: 16000)
        let laptop = try await lab.startPulseAudio(sink: "speakers", sampleRate: 16000)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-alsa-fallback-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The laptop's microphone (the speakers' monitor) hears 1000 Hz all along.
        try AudioCallTests.tone(1000, seconds: 30).write(to: dir + "/laptop.wav")
        // The peer 6 dB below the laptop's tone: on the fallback, alice's microphone (the
        // speakers' monitor) hears both the laptop's tone and alice playing the peer back,
        // and at equal levels either could win.
        let peer = AudioCallTests.tone(440, seconds: 30)
        try WAVFile(format: peer.format, samples: peer.samples.map { $0 / 2 }).write(to: dir + "/peer.wav")
        let asoundrc = dir + "/asound.conf"
        try """
            pcm.hs { type pulse server "\(headset.server)" device "headset" }
            pcm.hsmic { type pulse server "\(headset.server)" device "headset.monitor" }
            pcm.laptop { type pulse server "\(laptop.server)" device "speakers" }
            pcm.laptopmic { type pulse server "\(laptop.server)" device "speakers.monitor" }
            pcm.!default { type asym playback.pcm "laptop" capture.pcm "laptopmic" }
            """.write(toFile: asoundrc, atomically: true, encoding: .utf8)
        var environment = headset.clientEnvironment
        environment["ALSA_CONFIG_PATH"] = asoundrc
        let aliceHome = try TestHome.local("alice", extra: """
            [audio]
            backend = "alsa"
            input = "hsmic"
            output = "hs"
            noise_suppression = false
            echo_cancel = false
            """)
        let bobHome = try TestHome.local("bob", extra: """
            [audio]
            backend = "file"
            input = "\(dir)/peer.wav"
            output = "\(dir)/peer-heard.wav"
            """)
        let alice = try HeadlessProcess(["--headless"], home: aliceHome.url, environment: environment)
        let bob = try HeadlessProcess(["--headless"], home: bobHome.url)
        let player = Process()
        player.executableURL = URL(fileURLWithPath: "/usr/bin/paplay")
        player.arguments = ["--device=speakers", dir + "/laptop.wav"]
        player.environment = laptop.clientEnvironment
        try player.run()
        defer {
            if player.isRunning { player.terminate() }
            if alice.process.isRunning { alice.send("quit") }
            bob.closeInput()
        }

        let bobPort = try await bob.listeningPort()
        alice.send("call sip:bob@127.0.0.1:\(bobPort)")
        try await bob.waitForLine("incoming call") { $0.contains("incoming call from") }
        bob.send("answer")
        try await alice.waitForLine("established") { $0.hasPrefix("call 1: established") }
        let clock = ContinuousClock(), answered = clock.now
        try await Task.sleep(for: .seconds(1))

        // Pulled out: both PCMs fail, both fall back, and the call stays up.
        _ = try await headset.pactl(["unload-module", "module-null-sink"], in: lab)
        try await alice.waitForLine("speaker lost") { $0 == "audio warning: playback device hs lost, fell back to default" }
        try await alice.waitForLine("microphone lost") { $0 == "audio warning: capture device hsmic lost, fell back to default" }
        let lost = clock.now
        try await Task.sleep(for: .seconds(2.5))
        #expect(!alice.lines.contains { $0.hasPrefix("call 1: terminated") || $0.contains("stream failed") }, "\(alice.lines.suffix(10))")

        // Plugged back in: pipit follows it again.
        let replugged = clock.now
        try await headset.loadNullSink("headset", in: lab)
        try await alice.waitForLine("speaker back") { $0 == "audio: playback device hs is back, following it" }
        try await alice.waitForLine("microphone back") { $0 == "audio: capture device hsmic is back, following it" }

        // Moved to the laptop's speakers by hand (ALSA reopens the device): the peer is heard there.
        // paplay plays out its buffer on SIGTERM; the laptop's microphone tone must stop now.
        kill(player.processIdentifier, SIGKILL)
        for _ in 0..<100 where player.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        alice.send("audio output laptop")
        try await alice.waitForLine("moved") { $0 == "audio: output: laptop" }
        try await Task.sleep(for: .seconds(0.5))
        let speakers = try await Self.record(laptop, device: "speakers.monitor", seconds: 1.5, into: dir + "/speakers.wav")
        #expect(AudioCallTests.dominant([440, 1000], in: speakers) == 440, "the laptop's speakers play the peer")
        #expect(SoundCardCallTests.level(Array(speakers.samples.suffix(speakers.samples.count / 2))) > -30)

        alice.send("hangup")
        try await bob.waitForLine("hung up") { $0.hasPrefix("call 1: terminated") }
        bob.send("quit")
        #expect(try await bob.waitForExit() == 0)
        // While the headset was out, the call went through the laptop's microphone.
        let heard = try WAVFile(contentsOf: dir + "/peer-heard.wav")
        let rate = Double(heard.format.sampleRate)
        func offset(_ instant: ContinuousClock.Instant) -> Int {
            let elapsed = (instant - answered).components
            return Int((Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18) * rate)
        }
        let window = min(heard.samples.count, offset(lost) + Int(rate / 2))..<min(heard.samples.count, offset(replugged))
        let onFallback = WAVFile(format: heard.format, samples: Array(heard.samples[window]))
        #expect(window.count > Int(rate), "\(window) of \(heard.samples.count) samples")
        #expect(AudioCallTests.dominant([440, 1000], in: onFallback) == 1000, "the peer hears the laptop's microphone")
        alice.send("quit")
        #expect(try await alice.waitForExit() == 0)
    }

    /// Records `seconds` from a source of `pulse` with parecord.
    static func record(_ pulse: PulseAudio, device: String, seconds: Double, into path: String) async throws -> WAVFile {
        let recorder = Process()
        recorder.executableURL = URL(fileURLWithPath: "/usr/bin/parecord")
        recorder.arguments = ["--device=\(device)", "--rate=16000", "--channels=1", "--format=s16le", "--file-format=wav",
                              "--latency-msec=20", path]
        recorder.environment = pulse.clientEnvironment
        recorder.standardOutput = FileHandle.nullDevice
        recorder.standardError = FileHandle.nullDevice
        try recorder.run()
        try await Task.sleep(for: .seconds(seconds))
        recorder.interrupt()
        // Not waitUntilExit: it can miss an exit that already happened.
        for _ in 0..<100 where recorder.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        return try WAVFile(contentsOf: path)
    }
}
