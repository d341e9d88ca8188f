import Foundation
import Testing

/// Shell completions come from the argument parser (`make install` writes them): every
/// option is there, `-e`/`--send` complete command verbs, and bash accepts the script.
@Suite(.timeLimit(.minutes(1)))
struct CompletionTests {
    func script(_ shell: String) throws -> String {
        let process = Process()
        process.executableURL = PipitBinary.url
        process.arguments = ["--generate-completion-script", shell]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func everyOptionAndTheVerbs(shell: String) throws {
        let text = try script(shell)
        for option in ["headless", "config", "json", "script", "send"] {
            #expect(text.contains(option), "\(shell): --\(option)")
        }
        for verb in ["answer", "hangup", "transfer", "nat", "conference"] {
            #expect(text.contains(verb), "\(shell): the verb \(verb) for -e and --send")
        }
    }

    @Test func bashParsesTheScript() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-completion-\(UUID().uuidString).bash")
        try try script("bash").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-n", file.path]
        try bash.run()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
    }
}
