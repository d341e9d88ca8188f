import Foundation

/// Speech for tests and benchmarks that need a talker rather than a tone: English
/// sentences synthesised by espeak-ng and converted by sox.
public enum Speech {
    /// Harvard sentences (IEEE 1969), the usual material of speech-quality tests.
    public static let harvard = [
        "The birch canoe slid on the smooth planks.",
        "Glue the sheet to the dark blue background.",
        "It's easy to tell the depth of a well.",
        "These days a chicken leg is a rare dish.",
        "Rice is often served in round bowls.",
        "The juice of lemons makes fine punch.",
        "The box was thrown beside the parked truck.",
        "The hogs were fed chopped corn and garbage.",
        "Four hours of steady work faced us.",
        "A large size in stockings is hard to sell.",
    ]

    /// `text` spoken by `voice` (an espeak-ng voice: "en-us", "en-us+f3" for a female
    /// voice…), as mono 16-bit PCM at `sampleRate`.
    public static func synthesize(_ text: String, voice: String = "en-us", sampleRate: Int, in lab: Lab) async throws -> WAV {
        let dir = try lab.makeDirectory("speech")
        let raw = dir.appendingPathComponent("raw.wav").path
        let converted = dir.appendingPathComponent("speech.wav").path
        let spoken = try await lab.execute("espeak-ng", .espeak, ["-v", voice, "-s", "160", "-w", raw, text])
        guard spoken.status == .exited(0) else { throw LabError.exited("espeak-ng: \(spoken.output)", status: spoken.status) }
        let sox = try await lab.execute("sox", .sox, [raw, "-r", String(sampleRate), "-c", "1", "-b", "16", converted])
        guard sox.status == .exited(0) else { throw LabError.exited("sox: \(sox.output)", status: sox.status) }
        return try WAV(contentsOf: URL(fileURLWithPath: converted))
    }
}

extension Tool {
    static let espeak = Tool("espeak-ng", package: "espeak-ng")
    public static let sox = Tool("sox", package: "sox")
}
