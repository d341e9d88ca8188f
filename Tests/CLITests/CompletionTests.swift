import Foundation
import Testing

/// Shell completions come from the command-line tree (`make install` writes them): every
/// option is there, `-e`/`--send` complete command verbs, bash accepts the script, and its
/// completion function offers the right words.
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
        try script("bash").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-n", file.path]
        try bash.run()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
    }

    /// What bash's completion offers for the words typed so far (the last one being
    /// completed), by running the generated function.
    func bashCompletes(_ words: [String]) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-completion-\(UUID().uuidString).bash")
        try script("bash").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-c", "source '\(file.path)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); "
                          + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _pipit; printf '%s\\n' \"${COMPREPLY[@]}\""]
        let out = Pipe()
        bash.standardOutput = out
        try bash.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).sorted()
    }

    @Test func bashOffersSubcommandsOptionsAndValues() throws {
        #expect(try bashCompletes(["pipit", "deb"]) == ["debug"])
        #expect(try bashCompletes(["pipit", "--con"]) == ["--config"])
        #expect(try bashCompletes(["pipit", "--send", "ans"]) == ["answer"])
        #expect(try bashCompletes(["pipit", "-e", "hang"]) == ["hangup"])
        #expect(try bashCompletes(["pipit", "debug", ""]) == ["--help", "parse-sdp", "parse-sip"])
        #expect(try bashCompletes(["pipit", "audio", "test", "--backend", ""]) == ["alsa", "auto", "pulse"])
        #expect(try bashCompletes(["pipit", "audio", "test", "--se"]) == ["--seconds"])
    }

    /// zsh and fish (installed by `make test`) read their scripts without a syntax error.
    @Test(arguments: ["zsh", "fish"])
    func theShellAcceptsItsScript(shell: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-completion-\(UUID().uuidString).\(shell)")
        try script(shell).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(shell)")
        process.arguments = ["-n", file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    /// fish completes a command line from the script (`complete -C`), as at a prompt.
    @Test func fishOffersSubcommandsOptionsAndValues() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-completion-\(UUID().uuidString).fish")
        try script("fish").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        func completes(_ line: String) throws -> [String] {
            let fish = Process()
            fish.executableURL = URL(fileURLWithPath: "/usr/bin/fish")
            fish.arguments = ["--no-config", "-c", "source '\(file.path)'; complete -C '\(line)'"]
            let out = Pipe()
            fish.standardOutput = out
            try fish.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            fish.waitUntilExit()
            // Each line is a candidate, a tab, and its description.
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map { String($0.split(separator: "\t")[0]) }.sorted()
        }
        #expect(try completes("pipit deb") == ["debug"])
        #expect(try completes("pipit debug ") == ["parse-sdp", "parse-sip"])
        #expect(try completes("pipit --send ans") == ["answer"])
        #expect(try completes("pipit audio test --backend ") == ["alsa", "auto", "pulse"])
    }
}
