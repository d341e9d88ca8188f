import Foundation
import Media
import Testing
import Audio

@Suite(.timeLimit(.minutes(1)))
struct WAVTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("pipit-wav-\(UUID().uuidString)-\(name)").path
    }

    @Test func writesAndReadsBack() throws {
        let path = temporaryPath("a.wav")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let samples = Signals.sine(frequency: 440, sampleRate: 16000, count: 16000)
        try WAVFile(format: WAVFormat(sampleRate: 16000, channels: 1), samples: samples).write(to: path)
        let back = try WAVFile(contentsOf: path)
        #expect(back.format == WAVFormat(sampleRate: 16000, channels: 1))
        #expect(back.samples == samples)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 44 + 32000)
    }

    @Test func streamingWriterPatchesTheSizes() throws {
        let path = temporaryPath("b.wav")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try WAVWriter(path: path, format: WAVFormat(sampleRate: 8000, channels: 2), chunkSamples: 7)
        let frame = [Int16](repeating: -1234, count: 320)
        for _ in 0..<300 { frame.withUnsafeBufferPointer { _ = writer.write($0) } }
        // Six seconds were written; the header was patched on the way, before close.
        let midway = try WAVFile(contentsOf: path)
        #expect(midway.samples.count >= 8000 * 2 * 5)
        writer.close()
        let done = try WAVFile(contentsOf: path)
        #expect(done.samples.count == 300 * 320)
        #expect(done.format.channels == 2)
        #expect(done.samples.allSatisfy { $0 == -1234 })
        #expect(abs(writer.seconds - 6) < 0.001)
    }

    @Test func skipsUnknownChunksAndCutsLyingSizes() throws {
        var bytes = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8)
        bytes += Array("LIST".utf8) + [3, 0, 0, 0, 9, 9, 9, 0]      // odd size: one pad byte
        bytes += WAVFormat(sampleRate: 8000, channels: 1).header(dataBytes: 0)[12..<36]
        bytes += Array("data".utf8) + [0xFF, 0xFF, 0, 0] + [1, 0, 2, 0, 3]   // size runs past the end
        let (format, data) = try WAVFormat.parse(bytes)
        #expect(format.sampleRate == 8000)
        #expect(data.count == 4)
    }

    @Test func refusesWhatItCannotPlay() {
        #expect(throws: WAVError.notWAV) { try WAVFormat.parse(Array("RIFX0000WAVE".utf8)) }
        var eightBit = WAVFormat(sampleRate: 8000, channels: 1).header(dataBytes: 0)
        eightBit[34] = 8
        #expect(throws: WAVError.self) { try WAVFormat.parse(eightBit) }
        let noData = Array(WAVFormat(sampleRate: 8000, channels: 1).header(dataBytes: 0)[0..<36])
        #expect(throws: WAVError.badHeader("no data chunk")) { try WAVFormat.parse(noData) }
        #expect(throws: WAVError.self) { _ = try WAVFile(contentsOf: "/nonexistent/pipit.wav") }
    }

    @Test func randomBytesNeverTrap() {
        var rng = SeededRandom(seed: 7)
        for _ in 0..<20000 {
            var bytes = WAVFormat(sampleRate: 8000, channels: 1).header(dataBytes: 8) + [1, 2, 3, 4, 5, 6, 7, 8]
            for _ in 0..<Int(rng.next() % 6) {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1))))
            _ = try? WAVFormat.parse(bytes)
        }
    }
}
