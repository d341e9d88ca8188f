import Foundation
import Media
import Testing
import Audio

/// Three pipit processes: alice (sound-card backend `null`, so she sends silence) calls bob
/// and carol, then `conference` joins them. Bob and carol each send a tone from a file;
/// while joined each hears the other's tone through alice's mix.
@Suite(.timeLimit(.minutes(1)))
struct ConferenceCallTests {
    @Test func aConferenceLetsBothPeersHearEachOther() async throws {
        let conference = try await Conference.start()
        defer { conference.removeFiles() }
        try await conference.join()
        try await Task.sleep(for: .seconds(2.5))
        try await conference.end()

        // The last two seconds of each: the other peer's tone, through alice's mix.
        func tail(_ name: String) throws -> WAVFile {
            let file = try conference.heard(name)
            return WAVFile(format: file.format, samples: Array(file.samples.suffix(file.format.sampleRate * 2)))
        }
        #expect(AudioCallTests.dominant([440, 700, 1000], in: try tail("bob")) == 700, "bob hears carol")
        #expect(AudioCallTests.dominant([440, 700, 1000], in: try tail("carol")) == 440, "carol hears bob")
        for name in ["bob", "carol"] {
            let level = SoundCardCallTests.level(try tail(name).samples)
            #expect(level > -30, "\(name) hears \(level) dBFS")
        }
    }

    /// One sequence, as a user would run it: join, split back (`switch 1` holds carol),
    /// join again, then drop carol's leg (`hangup 2`) and go on talking with bob alone.
    /// What bob hears over the whole call, in quarter seconds, must go: alice's silence,
    /// carol's tone, silence, carol's tone, silence.
    @Test func aConferenceSplitsBackAndDropsOneLeg() async throws {
        let conference = try await Conference.start()
        defer { conference.removeFiles() }
        let alice = conference.alice
        try await conference.join()
        try await Task.sleep(for: .seconds(1.5))

        alice.send("switch 1")
        try await alice.waitForLine("carol held again") { $0.hasPrefix("call 2: on hold") }
        try await Task.sleep(for: .seconds(1.5))

        try await conference.join(held: 2)
        try await Task.sleep(for: .seconds(1.5))

        alice.send("hangup 2")
        try await conference.carol.waitForLine("carol's leg ends") { $0.hasPrefix("call 1: terminated") }
        try await alice.waitForLine("alice sees it") { $0.hasPrefix("call 2: terminated") }
        try await Task.sleep(for: .seconds(1.5))
        alice.send("calls")
        try await alice.waitForLine("bob's call goes on") { $0.hasPrefix("call 1: established") && $0.contains("current") }
        try await conference.end(carolAlreadyGone: true)

        let heard = try conference.heard("bob")
        #expect(Conference.phases(of: heard, tone: 700) == ["quiet", "tone", "quiet", "tone", "quiet"])
    }
}

/// Alice with two answered calls, to bob and to carol, each peer sending its own tone.
private struct Conference {
    let dir: String
    let alice: HeadlessProcess, bob: HeadlessProcess, carol: HeadlessProcess

    static func start() async throws -> Conference {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-conf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try AudioCallTests.tone(440, seconds: 30).write(to: dir + "/bob.wav")
        try AudioCallTests.tone(700, seconds: 30).write(to: dir + "/carol.wav")
        func fileAudio(_ who: String) -> String {
            "[audio]\nbackend = \"file\"\ninput = \"\(dir)/\(who).wav\"\noutput = \"\(dir)/\(who)-heard.wav\"\n"
        }
        let alice = try HeadlessProcess(["--headless"], home: try TestHome.local("alice", extra: "[audio]\nbackend = \"null\"\n").url)
        let bob = try HeadlessProcess(["--headless"], home: try TestHome.local("bob", extra: fileAudio("bob")).url)
        let carol = try HeadlessProcess(["--headless"], home: try TestHome.local("carol", extra: fileAudio("carol")).url)
        let bobPort = try await bob.listeningPort(), carolPort = try await carol.listeningPort()
        _ = try await alice.listeningPort()

        alice.send("call sip:bob@127.0.0.1:\(bobPort)")
        try await bob.waitForLine("bob rings") { $0.contains("incoming call from") }
        bob.send("answer")
        try await alice.waitForLine("bob answers") { $0.hasPrefix("call 1: established") }
        alice.send("call sip:carol@127.0.0.1:\(carolPort)")
        try await carol.waitForLine("carol rings") { $0.contains("incoming call from") }
        carol.send("answer")
        try await alice.waitForLine("carol answers") { $0.hasPrefix("call 2: established") }
        try await alice.waitForLine("bob held") { $0.hasPrefix("call 1: on hold") }
        try await Task.sleep(for: .seconds(0.5))
        return Conference(dir: dir, alice: alice, bob: bob, carol: carol)
    }

    /// `conference`, and the held leg comes back.
    func join(held: Int = 1) async throws {
        alice.send("conference")
        try await alice.waitForLine("joined") { $0.contains("conference: calls 1, 2 together") }
        try await alice.waitForLine("call \(held) back") { $0.hasPrefix("call \(held): established") }
    }

    func end(carolAlreadyGone: Bool = false) async throws {
        alice.send("hangup all")
        try await bob.waitForLine("bob ends") { $0.hasPrefix("call 1: terminated") }
        if !carolAlreadyGone {
            try await carol.waitForLine("carol ends") { $0.hasPrefix("call 1: terminated") }
        }
        for phone in [alice, bob, carol] { phone.send("quit") }
        for phone in [alice, bob, carol] { #expect(try await phone.waitForExit() == 0) }
    }

    func heard(_ name: String) throws -> WAVFile { try WAVFile(contentsOf: dir + "/\(name)-heard.wav") }

    func removeFiles() { try? FileManager.default.removeItem(atPath: dir) }

    /// The file in quarter seconds, each "tone" (loud, and mostly `tone` Hz), "quiet" or
    /// "other"; runs of one kind collapse, and runs shorter than half a second (the
    /// moments of switching, jitter-buffer fill) are dropped.
    static func phases(of file: WAVFile, tone: Double) -> [String] {
        let window = file.format.sampleRate / 4
        var kinds: [String] = []
        var start = 0
        while start + window <= file.samples.count {
            let samples = Array(file.samples[start..<(start + window)])
            let level = SoundCardCallTests.level(samples)
            if level < -45 {
                kinds.append("quiet")
            } else if level > -30, share(of: tone, in: samples, rate: file.format.sampleRate) > 0.8 {
                kinds.append("tone")
            } else {
                kinds.append("other")
            }
            start += window
        }
        var runs: [(kind: String, count: Int)] = []
        for kind in kinds {
            if let last = runs.last, last.kind == kind { runs[runs.count - 1].count += 1 } else { runs.append((kind, 1)) }
        }
        var phases: [String] = []
        for run in runs where run.count >= 2 && phases.last != run.kind { phases.append(run.kind) }
        return phases
    }

    /// The share of the window's energy at `frequency` (Goertzel power against the total).
    private static func share(of frequency: Double, in samples: [Int16], rate: Int) -> Double {
        let c = 2 * cos(2 * .pi * frequency / Double(rate))
        var s1 = 0.0, s2 = 0.0, total = 0.0
        for x in samples {
            (s1, s2) = (Double(x) + c * s1 - s2, s1)
            total += Double(x) * Double(x)
        }
        let power = (s1 * s1 + s2 * s2 - c * s1 * s2) * 2 / Double(samples.count)
        return total > 0 ? power / total : 0
    }
}
