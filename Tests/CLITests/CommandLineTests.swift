import Testing
@testable import pipit

/// pipit's command line as the parser reads it: what each line asks for, and the usage
/// errors (exit status 64) for the rest.
@Suite(.timeLimit(.minutes(1)))
struct CommandLineTests {
    let parser = CLIParser(root: PipitCommandLine.root)

    func run(_ words: [String]) throws -> CLIInvocation {
        guard case .success(.run(let invocation)) = parser.parse(words) else {
            Issue.record("\(words) is not a command to run: \(parser.parse(words))")
            throw CLIUsageError(message: "", path: [])
        }
        return invocation
    }

    @Test func theUsualLinesAreRead() throws {
        let none = LaunchOptions(try run([]))
        #expect(!none.headless && !none.json && none.config == nil && none.script == nil && none.uri == nil)
        let all = LaunchOptions(try run(["--json", "--config", "a.toml", "--headless", "--script=s.txt"]))
        #expect(all.headless && all.json)
        #expect(all.config == "a.toml")
        #expect(all.script == "s.txt")
        #expect(LaunchOptions(try run(["--config=/x/y.toml"])).config == "/x/y.toml")
        #expect(LaunchOptions(try run(["--config", "-"])).config == "-")
    }

    @Test func commandsSendAndURI() throws {
        let e = LaunchOptions(try run(["-e", "accounts; quit", "--json"]))
        #expect(e.commands == "accounts; quit" && e.json)
        #expect(LaunchOptions(try run(["--send", "calls"])).send == "calls")
        #expect(LaunchOptions(try run(["sip:bob@example.com"])).uri == "sip:bob@example.com")
        #expect(LaunchOptions(try run(["--headless", "TEL:+123"])).uri == "TEL:+123")
        #expect(LaunchOptions(try run(["--", "sip:-odd@example.com"])).uri == "sip:-odd@example.com")
    }

    @Test func subcommandsAndTheirOptions() throws {
        let sip = try run(["debug", "parse-sip", "msg.txt"])
        #expect(sip.path == ["debug", "parse-sip"] && sip.arguments == ["msg.txt"])
        #expect(try run(["debug", "parse-sdp", "-"]).arguments == ["-"])
        let test = try run(["audio", "test", "--backend", "pulse", "--seconds=2", "--input", "mic"])
        #expect(test.path == ["audio", "test"])
        #expect(test.value("backend") == "pulse" && test.value("seconds") == "2" && test.value("input") == "mic")
        #expect(try run(["audio", "devices"]).path == ["audio", "devices"])
    }

    @Test func helpVersionAndCompletions() {
        #expect(parser.parse(["--help"]) == .success(.help(path: [])))
        #expect(parser.parse(["-h"]) == .success(.help(path: [])))
        #expect(parser.parse(["debug", "--help"]) == .success(.help(path: ["debug"])))
        #expect(parser.parse(["help", "audio", "test"]) == .success(.help(path: ["audio", "test"])))
        #expect(parser.parse(["--headless", "--version"]) == .success(.version))
        #expect(parser.parse(["--generate-completion-script", "fish"]) == .success(.completionScript(shell: .fish)))
    }

    @Test(arguments: [
        (["--headless", "--headless"], "given twice"), (["--config"], "Missing value"), (["--config", "--json"], "Missing value"),
        (["--config", "a", "--config", "b"], "given twice"), (["--jsn"], "Unknown option '--jsn'"),
        (["sip:a@b", "sip:c@d"], "Unexpected argument 'sip:c@d'"), (["-e"], "Missing value"), (["--send", "-x"], "Missing value"),
        (["--json=yes"], "takes no value"), (["debug"], "needs a subcommand"), (["debug", "parse-sip"], "Missing expected argument '<file>'"),
        (["debug", "parse-sip", "a", "b"], "Unexpected argument 'b'"), (["audio", "test", "--seconds"], "Missing value"),
        (["help", "nope"], "Unknown subcommand 'nope'"), (["--generate-completion-script", "tcsh"], "bash, zsh, fish"),
        (["audio", "devices", "--headless"], "Unknown option '--headless'"),
    ])
    func badLinesAreUsageErrors(words: [String], message: String) {
        guard case .failure(let failure) = parser.parse(words) else {
            Issue.record("\(words) was accepted")
            return
        }
        #expect(failure.message.contains(message), "\(words): \(failure.message)")
        let text = CLIHelp.error(failure, parser.chain(failure.path))
        #expect(text.hasPrefix("Error: ") && text.contains("\nUsage: pipit"), "\(text)")
    }

    @Test func helpListsEveryOptionAndSubcommandWithinEightyColumns() {
        let root = CLIHelp.text(parser.chain([]))
        for word in ["--headless", "--config <file>", "--json", "--script <file>", "-e <commands>", "--send <command>",
                     "--version", "-h, --help", "debug", "audio", "USAGE: pipit [--headless]", "[<uri>]"] {
            #expect(root.contains(word), "\(word)")
        }
        let test = CLIHelp.text(parser.chain(["audio", "test"]))
        #expect(test.contains("USAGE: pipit audio test [--backend <backend>]") && test.contains("(default: 3)"))
        for text in [root, test, CLIHelp.text(parser.chain(["debug", "parse-sip"]))] {
            for line in text.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "\(line)")
            }
        }
    }
}
