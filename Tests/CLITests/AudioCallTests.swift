import Foundation
import Media
import Testing
import Audio

/// Two pipit processes talk: each sends a tone from a WAV file and writes what it hears.
@Suite(.timeLimit(.minutes(1)))
struct AudioCallTests {
    static func tone(_ frequency: Double, rate: Int = 16000, seconds: Int = 10) -> WAVFile {
        WAVFile(format: WAVFormat(sampleRate: rate, channels: 1), samples: (0..<(rate * seconds)).map {
            Int16(9000 * sin(2 * .pi * frequency * Double($0) / Double(rate)))
        })
    }

    /// The strongest of `candidates` in the second half of the file.
    static func dominant(_ candidates: [Double], in file: WAVFile) -> Double {
        let samples = Array(file.samples.suffix(file.samples.count / 2))
        func power(_ f: Double) -> Double {
            let c = 2 * cos(2 * .pi * f / Double(file.format.sampleRate))
            var s1 = 0.0, s2 = 0.0
            for x in samples { (s1, s2) = (Double(x) + c * s1 - s2, s1) }
            return s1 * s1 + s2 * s2 - c * s1 * s2
        }
        return candidates.max { power($0) < power($1) } ?? 0
    }

    @Test func twoProcessesTalkThroughWAVFiles() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-audio-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.tone(1000).write(to: dir + "/alice.wav")
        try Self.tone(440).write(to: dir + "/bob.wav")
        func audio(_ who: String) -> String {
            "[audio]\nbackend = \"file\"\ninput = \"\(dir)/\(who).wav\"\noutput = \"\(dir)/\(who)-heard.wav\"\n"
        }
        let aliceHome = try TestHome.local("alice", extra: audio("alice"))
        let bobHome = try TestHome.local("bob", extra: "history = false\n" + audio("bob"))
        let bob = try HeadlessProcess(["--headless"], home: bobHome.url)
        let alice = try HeadlessProcess(["--headless"], home: aliceHome.url)
        let bobPort = try await bob.listeningPort()
        alice.send("call sip:bob@127.0.0.1:\(bobPort)")
        try await bob.waitForLine("incoming call") { $0.contains("incoming call from") }
        bob.send("answer")
        try await alice.waitForLine("established") { $0.hasPrefix("call 1: established") }
        try await Task.sleep(for: .seconds(2.5))
        alice.send("stats")
        let stats = try await alice.waitForLine("statistics") { $0.hasPrefix("call 1: audio PCMU") }
        #expect(stats.contains("not encrypted"), "\(stats)")
        #expect(stats.contains("MOS"), "\(stats)")
        // A plain call loads no SRTP library (libsrtp2 brings NSS: 1.7 MB resident), and
        // with no history and no contacts database no SQLite either.
        // Read to the end: a /proc file read while its process changes its mappings can
        // come in short reads, which a one-read reader takes for the end.
        let maps = { (who: HeadlessProcess) in
            String(decoding: FileHandle(forReadingAtPath: "/proc/\(who.process.processIdentifier)/maps")?.readDataToEndOfFile() ?? Data(),
                   as: UTF8.self)
        }
        #expect(!maps(alice).contains("libsrtp2") && !maps(bob).contains("libsrtp2"))
        #expect(!maps(bob).contains("libsqlite3"))
        #expect(maps(alice).contains("libsqlite3"), "alice keeps history")
        alice.send("hangup")
        try await bob.waitForLine("remote hangup") { $0.hasPrefix("call 1: terminated") }
        alice.send("quit")
        bob.closeInput()
        #expect(try await alice.waitForExit() == 0)
        #expect(try await bob.waitForExit() == 0)

        let bobHeard = try WAVFile(contentsOf: dir + "/bob-heard.wav")
        let aliceHeard = try WAVFile(contentsOf: dir + "/alice-heard.wav")
        #expect(bobHeard.samples.count > 8000, "bob heard \(bobHeard.samples.count) samples")
        #expect(Self.dominant([440, 1000], in: bobHeard) == 1000)
        #expect(Self.dominant([440, 1000], in: aliceHeard) == 440)
    }
}
