import Foundation
import Media
import Testing
import Audio
import TestLab

/// A pipit whose calls go through PulseAudio (the lab's daemon with null sinks as the
/// "headset") talks to a pipit on WAV files: what is played into the headset microphone
/// reaches the peer, the peer is heard on the headset speaker, the phone rings on the
/// speaker, and pulling the headset out mid-call falls back and says so.
@Suite(.timeLimit(.minutes(2)), .serialized)
struct SoundCardCallTests {
    struct Rig {
        let lab: Lab
        let pulse: PulseAudio
        let dir: String
        let headset: HeadlessProcess
        let peer: HeadlessProcess
        let speakerModule: Int
        var players: [Process] = []

        /// "spk" is the headset speaker, "mic" a sink whose monitor is its microphone;
        /// `lab_sink` stays as the fallback.
        /// `alsa`: the same devices through alsa-lib's pulse plugin, named in an asoundrc
        /// that `ALSA_CONFIG_PATH` points pipit at.
        static func start(_ lab: Lab, backend: String = "pulse") async throws -> Rig {
            // A pipit that died must fail the test, not kill it when we write to it.
            signal(SIGPIPE, SIG_IGN)
            let pulse = try await lab.startPulseAudio(sampleRate: 16000)
            let speakerModule = try await pulse.loadNullSink("spk", in: lab)
            try await pulse.loadNullSink("mic", in: lab)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-sound-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try AudioCallTests.tone(1000, seconds: 20).write(to: dir + "/mic.wav")
            try AudioCallTests.tone(440).write(to: dir + "/peer.wav")
            var environment = pulse.clientEnvironment
            let devices: (input: String, output: String)
            if backend == "alsa" {
                let asoundrc = dir + "/asound.conf"
                try """
                    pcm.labmic { type pulse server "\(pulse.server)" device "mic.monitor" }
                    pcm.labspk { type pulse server "\(pulse.server)" device "spk" }
                    pcm.!default { type pulse server "\(pulse.server)" }
                    """.write(toFile: asoundrc, atomically: true, encoding: .utf8)
                environment["ALSA_CONFIG_PATH"] = asoundrc
                devices = ("labmic", "labspk")
            } else {
                devices = ("mic.monitor", "spk")
            }
            let headsetHome = try TestHome.local("alice", extra: """
                [audio]
                backend = "\(backend)"
                input = "\(devices.input)"
                output = "\(devices.output)"
                noise_suppression = false
                """)
            let peerHome = try TestHome.local("bob", extra: """
                [audio]
                backend = "file"
                input = "\(dir)/peer.wav"
                output = "\(dir)/peer-heard.wav"
                """)
            let headset = try HeadlessProcess(["--headless"], home: headsetHome.url, environment: environment)
            let peer = try HeadlessProcess(["--headless"], home: peerHome.url)
            return Rig(lab: lab, pulse: pulse, dir: dir, headset: headset, peer: peer, speakerModule: speakerModule)
        }

        /// Runs a PulseAudio client tool (paplay, parecord) against the lab daemon.
        func tool(_ name: String, _ arguments: [String]) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/" + name)
            process.arguments = arguments
            process.environment = pulse.clientEnvironment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }

        /// Records `seconds` of what the headset speaker plays.
        func recordSpeaker(seconds: Double, into name: String) async throws -> WAVFile {
            let path = dir + "/" + name
            let recorder = try tool("parecord", ["--device=spk.monitor", "--rate=16000", "--channels=1", "--format=s16le",
                                                 "--file-format=wav", "--latency-msec=20", path])
            try await Task.sleep(for: .seconds(seconds))
            #expect(recorder.isRunning, "parecord ended early (status \(recorder.terminationStatus))")
            recorder.interrupt()
            // Not waitUntilExit: it can miss an exit that already happened.
            for _ in 0..<100 where recorder.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            return try WAVFile(contentsOf: path)
        }

        func stop() {
            for p in players where p.isRunning { p.terminate() }
            if headset.process.isRunning { headset.send("quit") }
            peer.closeInput()
            try? FileManager.default.removeItem(atPath: dir)
        }
    }

    static func level(_ samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return -120 }
        let power = samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)
        return 10 * log10(max(power, 1e-9) / (32768.0 * 32768.0))
    }

    @Test func aCallThroughPulseAudioCarriesAudioBothWaysAndSurvivesTheHeadsetGoing() async throws {
        try await Lab.run { lab in try await callBothWays(lab, backend: "pulse") }
    }

    @Test func aCallThroughALSACarriesAudioBothWays() async throws {
        try await Lab.run { lab in try await callBothWays(lab, backend: "alsa") }
    }

    func callBothWays(_ lab: Lab, backend: String) async throws {
        var rig = try await Rig.start(lab, backend: backend)
        defer { rig.stop() }
        rig.players.append(try rig.tool("paplay", ["--device=mic", rig.dir + "/mic.wav"]))
        let peerPort = try await rig.peer.listeningPort()
        rig.headset.send("call sip:bob@127.0.0.1:\(peerPort)")
        try await rig.peer.waitForLine("incoming call") { $0.contains("incoming call from") }
        rig.peer.send("answer")
        try await rig.headset.waitForLine("established") { $0.hasPrefix("call 1: established") }
        try await Task.sleep(for: .seconds(1))
        #expect(rig.headset.process.isRunning, "\(rig.headset.lines.suffix(10))\n\(rig.headset.standardError)")
        let heard = try await rig.recordSpeaker(seconds: 2, into: "speaker.wav")
        #expect(AudioCallTests.dominant([440, 1000], in: heard) == 440, "the headset plays the peer")
        #expect(Self.level(Array(heard.samples.suffix(heard.samples.count / 2))) > -30)

        if backend == "pulse" {
            // The headset speaker is unplugged: pipit says so and the call goes on.
            try await rig.pulse.unloadModule(rig.speakerModule, in: rig.lab)
            try await rig.headset.waitForLine("device lost") { $0.hasPrefix("audio warning:") && $0.contains("lost") }
            try await Task.sleep(for: .seconds(1.5))
        }
        rig.headset.send("hangup")
        try await rig.peer.waitForLine("hung up") { $0.hasPrefix("call 1: terminated") }
        rig.headset.send("quit")
        #expect(try await rig.headset.waitForExit() == 0)
        rig.peer.send("quit")
        #expect(try await rig.peer.waitForExit() == 0)
        let peerHeard = try WAVFile(contentsOf: rig.dir + "/peer-heard.wav")
        #expect(AudioCallTests.dominant([440, 1000], in: peerHeard) == 1000, "the peer hears the headset microphone")
        #expect(Self.level(Array(peerHeard.samples.suffix(8000))) > -30, "and still does after the headset speaker went")
    }

    @Test func audioCommandsShowTheCardAndMoveACallToAnotherDevice() async throws {
        try await Lab.run { lab in try await audioCommands(lab) }
    }

    func audioCommands(_ lab: Lab) async throws {
        var rig = try await Rig.start(lab)
        defer { rig.stop() }
        rig.players.append(try rig.tool("paplay", ["--device=mic", rig.dir + "/mic.wav"]))
        rig.headset.send("audio devices")
        try await rig.headset.waitForLine("devices") { $0.hasPrefix("audio: output") && $0.contains(" spk ") }
        rig.headset.send("audio")
        try await rig.headset.waitForLine("closed") { $0.hasPrefix("audio: closed") }
        let peerPort = try await rig.peer.listeningPort()
        rig.headset.send("call sip:bob@127.0.0.1:\(peerPort)")
        try await rig.peer.waitForLine("incoming call") { $0.contains("incoming call from") }
        rig.peer.send("answer")
        try await rig.headset.waitForLine("established") { $0.hasPrefix("call 1: established") }
        try await Task.sleep(for: .seconds(1))
        // A fresh null sink's monitor takes a moment to deliver, and the peer's audio its
        // jitter buffer's start: ask until both meters move (on a loaded machine, seconds).
        var levels = ""
        for _ in 0..<24 where !(levels.contains("level microphone -") && levels.contains("speaker -")) {
            rig.headset.send("audio")
            try await Task.sleep(for: .milliseconds(500))
            levels = rig.headset.lines.last { $0.hasPrefix("audio: open:") } ?? ""
        }
        #expect(levels.contains("level microphone -") && levels.contains("speaker -"), "\(levels)")
        rig.headset.send("audio output lab_sink")
        try await rig.headset.waitForLine("moved") { $0 == "audio: output: lab_sink" }
        try await Task.sleep(for: .seconds(0.5))
        let after = try await rig.recordSpeaker(seconds: 1, into: "moved.wav")
        #expect(Self.level(after.samples) < -60, "the headset speaker still plays: \(Self.level(after.samples)) dBFS")
        rig.headset.send("audio gain mic 30")
        try await rig.headset.waitForLine("gain") { $0 == "audio: microphone gain +24 dB" }
        rig.headset.send("audio levels")
        try await rig.headset.waitForLine("levels") { $0.hasPrefix("audio levels: microphone -") && !$0.contains("muted") }

        // The device-level mute: the peer hears silence, while the meter still hears the microphone.
        rig.headset.send("audio mute")
        try await rig.headset.waitForLine("muted") { $0 == "audio: microphone muted for every call" }
        try await rig.headset.waitForLine("muted levels") { $0.hasPrefix("audio levels: microphone -") && $0.hasSuffix("; microphone muted") }
        rig.headset.send("audio")
        try await rig.headset.waitForLine("status") { $0.hasPrefix("audio: gain:") && $0.hasSuffix("; microphone muted") }
        try await Task.sleep(for: .seconds(1.5))
        rig.peer.send("quit")
        #expect(try await rig.peer.waitForExit() == 0)
        let peerHeard = try WAVFile(contentsOf: rig.dir + "/peer-heard.wav")
        let rate = peerHeard.format.sampleRate
        #expect(Self.level(Array(peerHeard.samples.dropLast(rate * 3).suffix(rate / 2))) > -30, "the peer heard the microphone before")
        #expect(Self.level(Array(peerHeard.samples.suffix(rate / 2))) < -50, "the peer hears the muted microphone")
        rig.headset.send("audio mute off")
        try await rig.headset.waitForLine("unmuted") { $0 == "audio: microphone on" }
    }

    @Test func anIncomingCallRingsOnTheSpeakerUntilAnswered() async throws {
        try await Lab.run { lab in try await ringing(lab) }
    }

    func ringing(_ lab: Lab) async throws {
        let rig = try await Rig.start(lab)
        defer { rig.stop() }
        let headsetPort = try await rig.headset.listeningPort()
        rig.peer.send("call sip:alice@127.0.0.1:\(headsetPort)")
        try await rig.headset.waitForLine("incoming call") { $0.contains("incoming call from") }
        let ringing = try await rig.recordSpeaker(seconds: 2, into: "ringing.wav")
        #expect(Self.level(ringing.samples) > -45, "the phone rings: \(Self.level(ringing.samples)) dBFS")
        rig.headset.send("reject")
        try await rig.peer.waitForLine("declined") { $0.hasPrefix("call 1: terminated") }
        try await Task.sleep(for: .seconds(0.5))
        let after = try await rig.recordSpeaker(seconds: 1, into: "after.wav")
        #expect(Self.level(after.samples) < -60, "ringing stops: \(Self.level(after.samples)) dBFS")
    }
}
