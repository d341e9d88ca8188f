import Foundation
import Media
import Testing
import Audio

@Suite(.timeLimit(.minutes(1)))
struct CallRecorderTests {
    @Test func nearIsLeftAndFarIsRight() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-rec-\(UUID().uuidString).wav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try CallRecorder(path: path, sampleRate: 8000)
        let near = [Int16](repeating: 100, count: 80)
        let far = [Int16](repeating: -200, count: 80)
        for _ in 0..<250 {   // 2.5 s: several flushes
            near.withUnsafeBufferPointer { n in far.withUnsafeBufferPointer { recorder.record(near: n, far: $0) } }
        }
        #expect(abs(recorder.seconds - 2.5) < 0.001)
        recorder.close()
        let file = try WAVFile(contentsOf: path)
        #expect(file.format == WAVFormat(sampleRate: 8000, channels: 2))
        #expect(file.samples.count == 2 * 250 * 80)
        #expect(stride(from: 0, to: file.samples.count, by: 2).allSatisfy { file.samples[$0] == 100 && file.samples[$0 + 1] == -200 })
    }

    @Test func fileNamesCarryTimeAndPeerSafely() {
        let name = CallRecorder.fileName(peer: "sip:bob@example.com;transport=tcp", startedAt: 1_795_000_000)
        #expect(name.hasSuffix("_bob@example.com.wav"))
        #expect(name.count == "2026-11-18_10-13-20_bob@example.com.wav".count)
        #expect(!CallRecorder.fileName(peer: "sip:../../etc/passwd", startedAt: 0).contains("/"))
        #expect(CallRecorder.fileName(peer: "", startedAt: 0).hasSuffix("_call.wav"))
    }
}
