import Foundation
import Testing
@testable import pipit

/// Reading a file line by line through a small fixed buffer.
@Suite(.timeLimit(.minutes(1)))
struct ProcLinesTests {
    func lines(of text: String, bufferSize: Int) throws -> [String]? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("proclines-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var out: [String] = []
        guard ProcLines.forEach(path, bufferSize: bufferSize, { out.append(String(decoding: $0, as: UTF8.self)) }) else { return nil }
        return out
    }

    @Test(arguments: [1, 3, 7, 64, 16384])
    func linesAcrossBufferBoundaries(bufferSize: Int) throws {
        let text = "first line\nsecond\n\nfourth, a longer line than the buffer\nno newline at the end"
        #expect(try lines(of: text, bufferSize: bufferSize) ==
                ["first line", "second", "", "fourth, a longer line than the buffer", "no newline at the end"])
    }

    @Test func aLineLongerThanTheLimitIsSkipped() throws {
        let long = String(repeating: "x", count: ProcLines.longestLine + 10)
        #expect(try lines(of: "a\n\(long)\nb\n", bufferSize: 100) == ["a", "b"])
        #expect(try lines(of: "a\n\(long)", bufferSize: 100) == ["a"])
    }

    @Test func emptyAndMissingFiles() throws {
        #expect(try lines(of: "", bufferSize: 16) == [])
        #expect(!ProcLines.forEach("/nonexistent/pipit-proclines") { _ in })
    }
}
