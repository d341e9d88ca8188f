import Foundation
import Media
import Testing
import Audio

/// Dialling `echo` reaches the in-process echo test: answered at once, and what the caller
/// says comes back about half a second later.
@Suite(.timeLimit(.minutes(1)))
struct EchoTestCallTests {
    @Test func theEchoTestAnswersAndPlaysTheCallerBackHalfASecondLater() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-echo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // One second of tone, then silence: the echo's delay shows where the tone comes back.
        let rate = 16000
        let burst = WAVFile(format: WAVFormat(sampleRate: rate, channels: 1), samples: (0..<(rate * 4)).map {
            $0 < rate ? Int16(9000 * sin(2 * .pi * 1000 * Double($0) / Double(rate))) : 0
        })
        try burst.write(to: dir + "/say.wav")
        let home = try TestHome.local("alice", extra: """
            [audio]
            backend = "file"
            input = "\(dir)/say.wav"
            output = "\(dir)/heard.wav"
            """)
        let phone = try HeadlessProcess(["--headless"], home: home.url)
        _ = try await phone.listeningPort()
        phone.send("call echo")
        try await phone.waitForLine("established") { $0.hasPrefix("call 1: established") }
        try await Task.sleep(for: .seconds(2.5))
        phone.send("hangup")
        try await phone.waitForLine("ended") { $0.hasPrefix("call 1: terminated") }
        phone.send("quit")
        #expect(try await phone.waitForExit() == 0)

        let heard = try WAVFile(contentsOf: dir + "/heard.wav")
        let r = heard.format.sampleRate
        // Energy per 50 ms block; the first loud block is when the echo came back.
        let block = r / 20
        let levels = stride(from: 0, to: heard.samples.count - block, by: block).map { start in
            heard.samples[start..<start + block].reduce(0.0) { $0 + Double($1) * Double($1) } / Double(block)
        }
        let first = try #require(levels.firstIndex { $0 > 1_000_000 }, "the caller never hears the echo")
        let delay = Double(first * block) / Double(r)
        // The file starts when the call is answered and the tone starts then too: back
        // after the echo's 0.5 s, plus jitter buffers and packetization.
        #expect(delay > 0.4 && delay < 0.9, "echo after \(delay) s")
        #expect(AudioCallTests.dominant([440, 1000], in: WAVFile(format: heard.format, samples: Array(heard.samples.prefix(first * block + r)))) == 1000)
    }
}
