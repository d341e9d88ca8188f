import Foundation
import Media
import SIPMessage
import Testing
import TestLab
@testable import UserAgent

/// Real audio, both ways, between pipit's media engine and baresip: a tone each way
/// through WAV-file endpoints, checked at the far end by its frequency.
@Suite(.timeLimit(.minutes(2)))
struct MediaInteropTests {
    struct Case: Sendable, CustomStringConvertible {
        var ours: String          // the account's codec name
        var baresip: String       // how baresip names it
        var rate: Int             // the codec's audio rate, for baresip's source file
        var channels = 1          // baresip's aufile wants the codec's channel count
        var srtp: SRTPPolicy = .off
        var baresipEncryption: String? = nil
        var description: String { "\(ours)\(srtp == .off ? "" : " srtp=\(srtp)")" }
    }

    static let cases: [Case] = [
        Case(ours: "pcmu", baresip: "PCMU", rate: 8000),
        Case(ours: "pcma", baresip: "PCMA", rate: 8000),
        Case(ours: "g722", baresip: "G722", rate: 16000),
        Case(ours: "opus", baresip: "opus/48000/2", rate: 48000, channels: 2),
        Case(ours: "pcmu", baresip: "PCMU", rate: 8000, srtp: .mandatory, baresipEncryption: "srtp-mand"),
        Case(ours: "opus", baresip: "opus/48000/2", rate: 48000, channels: 2, srtp: .optional, baresipEncryption: "srtp"),
    ]

    /// Kamailio with alice and bob; baresip as bob, answering at once; pipit as alice on a
    /// media engine with `audio`. The engine is stopped by `Lab.run`'s caller via `defer`.
    static func start(_ lab: Lab, engine: MediaEngine, audio: AudioSettings, bob: Baresip.Configuration? = nil,
                      account: @escaping (inout AccountConfig) -> Void = { _ in }) async throws -> (Kamailio, Baresip, TestPhone) {
        let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
        var bobConfig = bob ?? .init(user: "bob", password: "b-pw", registrar: "", autoAnswer: true)
        bobConfig.registrar = kamailio.address
        let baresip = try await lab.startBaresip(bobConfig)
        try await baresip.waitForRegistration()
        let alice = try await TestPhone.start("alice", configure: { a in
            BaresipCallInteropTests.kamailioAccount("alice", "a-pw", kamailio, register: false)(&a)
            account(&a)
        }, media: EngineMedia(engine: engine, ports: 40000...40999, audio: audio))
        return (kamailio, baresip, alice)
    }

    /// alice calls bob and waits for the answer.
    static func call(_ alice: TestPhone, _ kamailio: Kamailio) async throws -> CallSnapshot {
        await alice.send(.call(target: "sip:bob@\(kamailio.address)", account: nil))
        return try await alice.waitForState(.established, timeout: .seconds(10))
    }

    static var nullAudio: AudioSettings {
        var audio = AudioSettings()
        audio.backend = .null
        return audio
    }

    @Test(arguments: cases)
    func toneBothWays(_ c: Case) async throws {
        try await Lab.run { lab in
            let dir = try lab.makeDirectory("alice-audio")
            let input = dir.appendingPathComponent("send.wav"), output = dir.appendingPathComponent("heard.wav")
            try Tone.sine(frequency: 1000, seconds: 10, sampleRate: 16000, amplitude: 0.3).write(to: input)
            let engine = try MediaEngine()
            defer { engine.stop() }
            var audio = AudioSettings()
            audio.backend = .file
            audio.input = input.path
            audio.output = output.path
            let bobConfig = Baresip.Configuration(
                user: "bob", password: "b-pw", registrar: "", autoAnswer: true,
                audioSource: Tone.sine(frequency: 440, seconds: 30, sampleRate: c.rate, channels: c.channels, amplitude: 0.3),
                codecs: [c.baresip], mediaEncryption: c.baresipEncryption)
            let (kamailio, bob, alice) = try await Self.start(lab, engine: engine, audio: audio, bob: bobConfig) { account in
                account.codecs = [c.ours]
                account.srtp = c.srtp
            }
            let up = try await Self.call(alice, kamailio)
            try await bob.waitForReceivedAudio(seconds: 3)
            await alice.send(.statistics(call: up.id))
            let event = try await alice.log.waitFor("statistics", timeout: .seconds(5)) {
                if case .callStatistics = $0 { true } else { false }
            }
            guard case .callStatistics(_, let stats) = event else { return }
            await alice.send(.hangup(call: up.id))
            _ = try await alice.waitForState(.terminated)
            try await bob.waitForEvent("CALL_CLOSED")
            await alice.stop()

            // baresip heard our 1 kHz tone, and we heard its 440 Hz.
            let theirs = ToneAnalysis(try bob.receivedAudio())
            #expect(abs(theirs.frequency - 1000) < 15, "baresip heard \(theirs)")
            #expect(theirs.signalToNoiseDB > 20, "baresip heard \(theirs)")
            let ours = ToneAnalysis(try WAV(contentsOf: output))
            #expect(abs(ours.frequency - 440) < 10, "pipit heard \(ours)")
            #expect(ours.signalToNoiseDB > 20, "pipit heard \(ours)")
            #expect(stats.codec.lowercased() == c.ours, "\(stats)")
            #expect(stats.encrypted == (c.srtp != .off), "\(stats)")
            #expect(stats.quality.packetsReceived > 50, "\(stats)")
        }
    }

    /// An account that requires SRTP never falls back to plain RTP: calling a peer without
    /// SRTP fails, with the reason, and no call is established.
    @Test func mandatorySRTPNeverFallsBackToPlain() async throws {
        try await Lab.run { lab in
            let engine = try MediaEngine()
            defer { engine.stop() }
            let (kamailio, _, alice) = try await Self.start(lab, engine: engine, audio: Self.nullAudio) { $0.srtp = .mandatory }
            await alice.send(.call(target: "sip:bob@\(kamailio.address)", account: nil))
            let ended = try await alice.waitForState(.terminated, timeout: .seconds(10))
            #expect(ended.end?.reason != .localHangup, "\(String(describing: ended.end))")
            let established = await alice.log.events.contains {
                if case .call(let call) = $0 { call.state == .established } else { false }
            }
            if established {
                // baresip accepted RTP/SAVP without a key: we must have ended it ourselves.
                #expect(ended.end?.reason == .failed, "\(String(describing: ended.end))")
            } else {
                #expect(ended.end?.code == 488, "\(String(describing: ended.end))")
            }
            await alice.stop()
        }
    }

    /// `record` writes both sides into a two-channel file; `mute` sends silence.
    @Test func recordsBothSidesAndMutes() async throws {
        try await Lab.run { lab in
            let dir = try lab.makeDirectory("alice-audio")
            let input = dir.appendingPathComponent("send.wav"), recording = dir.appendingPathComponent("call.wav").path
            try Tone.sine(frequency: 1000, seconds: 10, sampleRate: 8000, amplitude: 0.3).write(to: input)
            let engine = try MediaEngine()
            defer { engine.stop() }
            var audio = AudioSettings()
            audio.backend = .file
            audio.input = input.path
            let (kamailio, bob, alice) = try await Self.start(lab, engine: engine, audio: audio, bob: .init(
                user: "bob", password: "b-pw", registrar: "", autoAnswer: true, audioSource: Tone.sine(frequency: 440, seconds: 30, amplitude: 0.3)))
            let up = try await Self.call(alice, kamailio)
            await alice.send(.record(call: up.id, path: recording))
            try await alice.log.waitFor("recording", timeout: .seconds(5)) {
                if case .info(let text) = $0 { text.contains("recording to") } else { false }
            }
            try await bob.waitForReceivedAudio(seconds: 2)
            await alice.send(.mute(call: up.id, muted: true))
            try await Task.sleep(for: .seconds(1.5))
            await alice.send(.stopRecording(call: up.id))
            try await alice.log.waitFor("recording stopped", timeout: .seconds(5)) {
                if case .info(let text) = $0 { text.contains("recording stopped") } else { false }
            }
            await alice.send(.hangup(call: up.id))
            _ = try await alice.waitForState(.terminated)
            try await bob.waitForEvent("CALL_CLOSED")
            await alice.stop()

            let file = try WAV(contentsOf: URL(fileURLWithPath: recording))
            #expect(file.channels == 2)
            #expect(abs(ToneAnalysis(file, channel: 0).frequency - 1000) < 10, "near end is left")
            #expect(abs(ToneAnalysis(file, channel: 1).frequency - 440) < 10, "far end is right")
            // After `mute` baresip hears silence: the last half second it received is quiet.
            let heard = try bob.receivedAudio().channel(0)
            let tail = heard.suffix(4000).map { Double($0) / 32768 }
            let rms = (tail.reduce(0) { $0 + $1 * $1 } / Double(max(tail.count, 1))).squareRoot()
            #expect(rms < 0.01, "rms after mute: \(rms)")
        }
    }

    /// `dtmf` reaches baresip as RFC 4733 events, each key once, in order; and baresip's
    /// keys reach us as `dtmfReceived` events.
    @Test func digitsBothWays() async throws {
        try await Lab.run { lab in
            let engine = try MediaEngine()
            defer { engine.stop() }
            let (kamailio, bob, alice) = try await Self.start(lab, engine: engine, audio: Self.nullAudio)
            let up = try await Self.call(alice, kamailio)
            try await bob.waitForEvent("CALL_ESTABLISHED")
            await alice.send(.sendDigits(call: up.id, digits: "1#9"))
            try await Poll.until("baresip to get three keys", timeout: .seconds(5)) {
                (try bob.messages()).filter { $0.type == "CALL_DTMF_START" }.count >= 3
            }
            let keys = try bob.messages().filter { $0.type == "CALL_DTMF_START" }.compactMap(\.param)
            #expect(keys == ["1", "#", "9"], "\(keys)")
            // And the other way: baresip sends a key, we report it once.
            _ = try await bob.command("sndcode", "5")
            let got = try await alice.log.waitFor("dtmf from baresip", timeout: .seconds(5)) {
                if case .dtmfReceived = $0 { true } else { false }
            }
            #expect(got == .dtmfReceived(call: up.id, digit: "5"))
            await alice.send(.hangup(call: up.id))
            _ = try await alice.waitForState(.terminated)
            await alice.stop()
        }
    }

    /// `play` sends a file into the call; the far end hears it, and we hear when it ends.
    @Test func playsAFileIntoTheCall() async throws {
        try await Lab.run { lab in
            let prompt = try lab.makeDirectory("prompt").appendingPathComponent("prompt.wav")
            try Tone.sine(frequency: 1000, seconds: 1.5, sampleRate: 44100, channels: 2, amplitude: 0.3).write(to: prompt)
            let engine = try MediaEngine()
            defer { engine.stop() }
            let (kamailio, bob, alice) = try await Self.start(lab, engine: engine, audio: Self.nullAudio)
            let up = try await Self.call(alice, kamailio)
            try await Task.sleep(for: .milliseconds(300))
            await alice.send(.play(call: up.id, path: prompt.path))
            try await alice.log.waitFor("finished playing", timeout: .seconds(5)) {
                if case .info(let text) = $0 { text.hasSuffix("finished playing") } else { false }
            }
            await alice.send(.hangup(call: up.id))
            _ = try await alice.waitForState(.terminated)
            try await bob.waitForEvent("CALL_CLOSED")
            await alice.stop()
            let heard = ToneAnalysis(try bob.receivedAudio())
            #expect(abs(heard.frequency - 1000) < 15, "\(heard)")
            #expect(heard.toneSeconds > 1.2, "\(heard)")
        }
    }
}
