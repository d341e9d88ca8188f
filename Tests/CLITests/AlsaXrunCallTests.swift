import Foundation
import Testing
import Audio
import TestLab

/// A call through ALSA that runs late: pipit is stopped (SIGSTOP) for a moment, as a loaded
/// machine or a debugger would stop it, so its playback runs dry. alsa-lib's pulse plugin
/// with `handle_underrun` reports that as an xrun (-EPIPE); pipit must recover
/// (`snd_pcm_recover`), count it (`audio` says so) and go on playing the call.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct AlsaXrunCallTests {
    @Test func aStalledPlaybackIsRecoveredAndTheCallGoesOn() async throws {
        try await Lab.run { lab in
            signal(SIGPIPE, SIG_IGN)
            let card = try await lab.startPulseAudio(sink: "card", sampleRate: 16000)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-alsa-xrun-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try AudioCallTests.tone(440, seconds: 30).write(to: dir + "/peer.wav")
            let asoundrc = dir + "/asound.conf"
            try """
                pcm.card { type pulse server "\(card.server)" device "card" handle_underrun true }
                pcm.cardmic { type pulse server "\(card.server)" device "card.monitor" handle_underrun true }
                """.write(toFile: asoundrc, atomically: true, encoding: .utf8)
            var environment = card.clientEnvironment
            environment["ALSA_CONFIG_PATH"] = asoundrc
            let alice = try HeadlessProcess(["--headless"], home: try TestHome.local("alice", extra: """
                [audio]
                backend = "alsa"
                input = "cardmic"
                output = "card"
                noise_suppression = false
                echo_cancel = false
                """).url, environment: environment)
            let bob = try HeadlessProcess(["--headless"], home: try TestHome.local("bob", extra: """
                [audio]
                backend = "file"
                input = "\(dir)/peer.wav"
                output = "\(dir)/peer-heard.wav"
                """).url)
            defer {
                if alice.process.isRunning { alice.kill(SIGCONT); alice.send("quit") }
                bob.closeInput()
            }
            let bobPort = try await bob.listeningPort()
            alice.send("call sip:bob@127.0.0.1:\(bobPort)")
            try await bob.waitForLine("incoming call") { $0.contains("incoming call from") }
            bob.send("answer")
            try await alice.waitForLine("established") { $0.hasPrefix("call 1: established") }
            try await Task.sleep(for: .seconds(1))

            for _ in 0..<3 {
                alice.kill(SIGSTOP)
                try await Task.sleep(for: .seconds(1))
                alice.kill(SIGCONT)
                try await Task.sleep(for: .seconds(0.5))
            }
            alice.send("audio")
            let status = try await alice.waitForLine("audio status") { $0.contains("open: ") }
            #expect(status.contains("xruns: playback ") && !status.contains("xruns: playback 0"), "\(status)")

            // After the recovery the card still plays the peer's tone.
            let played = try await AlsaFallbackCallTests.record(card, device: "card.monitor", seconds: 1.5, into: dir + "/card.wav")
            #expect(AudioCallTests.dominant([440, 1000], in: played) == 440, "the card plays the peer after the xrun")
            #expect(SoundCardCallTests.level(Array(played.samples.suffix(played.samples.count / 2))) > -30)
            #expect(!alice.lines.contains { $0.hasPrefix("call 1: terminated") || $0.contains("stream failed") }, "\(alice.lines.suffix(10))")
            alice.send("hangup")
            try await bob.waitForLine("hung up") { $0.hasPrefix("call 1: terminated") }
            bob.send("quit")
            #expect(try await bob.waitForExit() == 0)
            alice.send("quit")
            #expect(try await alice.waitForExit() == 0)
        }
    }
}
