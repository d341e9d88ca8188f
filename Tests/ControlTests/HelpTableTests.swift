import Testing
import UserAgent
@testable import Control

/// The help table is checked against the parser: every command has help, and every usage
/// line in the help parses.
@Suite(.timeLimit(.minutes(1))) struct HelpTableTests {
    /// A value for each placeholder the usage notation uses.
    static let samples = ["URI": "sip:bob@example.com", "ACCOUNT": "work", "CALL": "2", "CODE": "486", "COMMAND": "call",
                          "TEXT": "smith", "FILE": "cards.vcf", "DIGITS": "123#", "TARGET": "sip:carol@example.com",
                          "DEVICE": "headset", "DB": "6", "SECONDS": "5",
                          "KEY": "general.call_waiting", "VALUE": "false"]

    /// Lines a user could type by following `spec.usage`: required arguments, then each prefix
    /// of the optional ones, each alternative (`CALL|all`) in turn; ` | ` separates whole
    /// alternative forms (`[CALL] [FILE] | stop [CALL]`).
    static func lines(following spec: CommandSpec, as word: String) throws -> [String] {
        try spec.arguments.components(separatedBy: " | ").flatMap { try lines(following: $0, usage: spec.usage, as: word) }
    }

    static func lines(following arguments: String, usage: String, as word: String) throws -> [String] {
        var lines = [[word]]
        var optionalStarted = false
        for token in arguments.split(separator: " ") {
            let optional = token.hasPrefix("[") && token.hasSuffix("]")
            let inner = optional ? token.dropFirst().dropLast() : token[...]
            let choices = try inner.split(separator: "|").map { name in
                name == name.uppercased() ? try #require(samples[String(name)], "no sample for \(name)") : String(name)
            }
            #expect(!optionalStarted || optional, "\(usage): a required argument after an optional one")
            optionalStarted = optionalStarted || optional
            let extended = lines.filter { $0.count == lines.map(\.count).max() }
                .flatMap { line in choices.map { line + [$0] } }
            lines = optional ? lines + extended : extended
        }
        return lines.map { $0.joined(separator: " ") }
    }

    @Test(arguments: CommandVerb.allCases) func everyUsageLineParses(verb: CommandVerb) throws {
        let spec = verb.spec
        #expect(!spec.summary.isEmpty)
        for word in [verb.rawValue] + verb.aliases {
            let lines = try Self.lines(following: spec, as: word)
            #expect(!lines.isEmpty)
            for line in lines {
                let input = try #require(try CommandParser.parse(line), "\(line)")
                switch input {
                case .help: #expect(verb == .help, "\(line)")
                case .command(let command):
                    // `busy` is a way of writing `reject`.
                    #expect(CommandVerb(of: command) == (verb == .busy ? .reject : verb), "\(line)")
                }
                // An alias means exactly what the name means.
                #expect(try CommandParser.parse(line.replacingFirstWord(with: verb.rawValue)) == input)
            }
        }
    }

    @Test func usageLinesAreWhatTheNotationSays() throws {
        #expect(try Self.lines(following: CommandVerb.reject.spec, as: "reject") == ["reject", "reject 2", "reject 2 486"])
        #expect(try Self.lines(following: CommandVerb.hangup.spec, as: "hangup") == ["hangup", "hangup 2", "hangup all"])
        #expect(try Self.lines(following: CommandVerb.call.spec, as: "dial")
                == ["dial sip:bob@example.com", "dial sip:bob@example.com work"])
        #expect(try Self.lines(following: CommandVerb.switch.spec, as: "switch") == ["switch 2"])
    }

    /// One value of every `Command` case. The switch in `caseName` makes this fail to compile
    /// when a case is added, until the case is listed here (and so gets help).
    static let everyCommand: [Command] = [
        .register(account: nil), .unregister(account: nil), .accounts, .call(target: "bob", account: nil),
        .answer(call: nil), .reject(call: nil, code: 603), .hangup(call: nil), .hangupAll, .switchTo(call: 1),
        .calls, .contacts(search: nil), .importContacts(path: "cards.vcf"), .statistics(call: nil),
        .hold(call: nil), .resume(call: nil), .transfer(call: nil, target: "carol"),
        .answerTransfer(call: nil, accept: true), .sendMessage(call: nil, target: "bob", text: "hi", account: nil),
        .doNotDisturb(true), .forward(.show), .autoAnswer(.show), .set(key: nil, value: nil), .redial, .voicemail(account: nil), .attendedTransfer(call: 1, to: 2),
        .audio(.status), .conference, .nat(.status(call: nil)),
    ]

    static func caseName(_ command: Command) -> String {
        switch command {
        case .register: "register"
        case .unregister: "unregister"
        case .accounts: "accounts"
        case .call: "call"
        case .answer: "answer"
        case .reject: "reject"
        case .hangup: "hangup"
        case .hangupAll: "hangupAll"
        case .switchTo: "switchTo"
        case .hold: "hold"
        case .resume: "resume"
        case .transfer: "transfer"
        case .answerTransfer: "answerTransfer"
        case .sendMessage: "sendMessage"
        case .doNotDisturb: "doNotDisturb"
        case .forward: "forward"
        case .autoAnswer: "autoAnswer"
        case .set: "set"
        case .redial: "redial"
        case .attendedTransfer: "attendedTransfer"
        case .voicemail: "voicemail"
        case .calls: "calls"
        case .contacts: "contacts"
        case .importContacts: "importContacts"
        case .statistics: "statistics"
        case .mute: "mute"
        case .record: "record"
        case .stopRecording: "stopRecording"
        case .sendDigits: "sendDigits"
        case .play: "play"
        case .audio: "audio"
        case .nat: "nat"
        case .conference: "conference"
        case .reload: "reload"
        case .quit: "quit"
        }
    }

    @Test func everyCommandHasHelpAndALineThatMakesIt() throws {
        #expect(Set(Self.everyCommand.map(Self.caseName)).count == Self.everyCommand.count)
        let reachable = try CommandVerb.allCases.flatMap { try Self.lines(following: $0.spec, as: $0.rawValue) }
            .compactMap { line -> Command? in
                if case .command(let command) = try CommandParser.parse(line) { return command }
                return nil
            }
        for command in Self.everyCommand {
            #expect(!CommandVerb(of: command).spec.summary.isEmpty)
            #expect(reachable.contains { Self.caseName($0) == Self.caseName(command) }, "\(command) has no usage line")
        }
    }

    @Test func overviewListsEveryCommandOnce() {
        let lines = CommandHelp.lines(for: nil)
        #expect(lines.first == "commands (`help COMMAND` for more; arguments in quotes may hold spaces):")
        // One line per command; a usage wider than the column has its summary on the next line.
        var rest = lines.dropFirst()[...]
        for spec in CommandHelp.table {
            let line = rest.popFirst() ?? ""
            if spec.usage.count > CommandHelp.usageColumn {
                #expect(line == "  " + spec.usage)
                #expect((rest.popFirst() ?? "").hasSuffix("  " + spec.summary))
            } else {
                #expect(line.hasPrefix("  " + spec.usage + " "))
                #expect(line.hasSuffix("  " + spec.summary))
            }
        }
        #expect(rest.isEmpty)
        #expect(lines.allSatisfy { $0.count <= 120 })
        // Usages are padded to the longest that fits the column (`record [CALL] [FILE|stop]`), plus two spaces.
        #expect(lines.contains("  call URI [ACCOUNT]         call a SIP URI, a number or a user name"))
    }

    @Test func oneCommandsHelp() {
        #expect(CommandHelp.lines(for: .reject) == [
            "usage: reject [CALL] [CODE]",
            "  reject an incoming call (603 Decline unless CODE says otherwise)",
            "  CODE is a SIP status code from 400 to 699, or one of: busy (486), decline (603), unavailable (480).",
            "  With one argument, a number is the CALL; give CODE alone by name (`reject busy`).",
            "  also: decline",
        ])
        #expect(CommandHelp.lines(for: .calls) == ["usage: calls", "  list the calls in progress"])
    }

    @Test func namesAndAliasesAreUnique() {
        #expect(Set(CommandVerb.allWords).count == CommandVerb.allWords.count)
        #expect(CommandVerb.allWords.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
    }
}

extension String {
    fileprivate func replacingFirstWord(with word: String) -> String {
        guard let space = firstIndex(of: " ") else { return word }
        return word + self[space...]
    }
}
