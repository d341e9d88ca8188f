import Foundation
import Media
import Testing
import Audio

/// Three pipit processes: alice (sound-card backend `null`) calls bob and carol, then
/// `conference` joins them. Bob and carol each send a tone from a file; after the join each
/// hears the other's tone through alice's mix.
@Suite(.timeLimit(.minutes(1)))
struct ConferenceCallTests {
    @Test func aConferenceLetsBothPeersHearEachOther() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-conf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AudioCallTests.tone(440, seconds: 20).write(to: dir + "/bob.wav")
        try AudioCallTests.tone(700, seconds: 20).write(to: dir + "/carol.wav")
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
        alice.send("conference")
        try await alice.waitForLine("joined") { $0.contains("conference: calls 1, 2 together") }
        try await alice.waitForLine("bob back") { $0.hasPrefix("call 1: established") }
        try await Task.sleep(for: .seconds(2.5))
        alice.send("hangup all")
        try await bob.waitForLine("bob ends") { $0.hasPrefix("call 1: terminated") }
        try await carol.waitForLine("carol ends") { $0.hasPrefix("call 1: terminated") }
        for phone in [alice, bob, carol] { phone.send("quit") }
        for phone in [alice, bob, carol] { #expect(try await phone.waitForExit() == 0) }

        // The last two seconds of each: the other peer's tone, through alice's mix.
        func tail(_ name: String) throws -> WAVFile {
            let file = try WAVFile(contentsOf: dir + "/\(name)-heard.wav")
            return WAVFile(format: file.format, samples: Array(file.samples.suffix(file.format.sampleRate * 2)))
        }
        #expect(AudioCallTests.dominant([440, 700, 1000], in: try tail("bob")) == 700, "bob hears carol")
        #expect(AudioCallTests.dominant([440, 700, 1000], in: try tail("carol")) == 440, "carol hears bob")
        for name in ["bob", "carol"] {
            let level = SoundCardCallTests.level(try tail(name).samples)
            #expect(level > -30, "\(name) hears \(level) dBFS")
        }
    }
}
