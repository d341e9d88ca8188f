import Audio
import Foundation
@testable import UserAgent

/// WAV files for two engine sessions in one process: the caller's microphone plays a
/// 1000 Hz tone, the callee's 440 Hz (two seconds, looped), and each records what it hears
/// in `WHO-heard.wav`.
struct ToneFiles {
    let dir: String

    init(_ name: String) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Self.tone(1000).write(to: dir + "/caller.wav")
        try Self.tone(440).write(to: dir + "/callee.wav")
    }

    static func tone(_ frequency: Double) -> WAVFile {
        WAVFile(format: WAVFormat(sampleRate: 8000, channels: 1),
                samples: (0..<16000).map { Int16(9000 * sin(2 * .pi * frequency * Double($0) / 8000)) })
    }

    /// File audio for `who` ("caller" or "callee").
    func audio(_ who: String) -> AudioSettings {
        var audio = AudioSettings()
        audio.backend = .file
        audio.input = dir + "/\(who).wav"
        audio.output = dir + "/\(who)-heard.wav"
        return audio
    }

    func heard(_ who: String) throws -> [Int16] { try WAVFile(contentsOf: dir + "/\(who)-heard.wav").samples }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}
