import Testing
@testable import Control

/// Every refusal, with the exact message the user reads.
@Suite(.timeLimit(.minutes(1))) struct CommandErrorTests {
    static let refused: [(line: String, error: CommandError, message: String)] = [
        ("cal bob", .unknownCommand("cal", suggestion: "call"), "unknown command `cal`: did you mean `call`?"),
        ("CAL bob", .unknownCommand("CAL", suggestion: "call"), "unknown command `CAL`: did you mean `call`?"),
        ("hangpu", .unknownCommand("hangpu", suggestion: "hangup"), "unknown command `hangpu`: did you mean `hangup`?"),
        ("hang", .unknownCommand("hang", suggestion: "hangup"), "unknown command `hang`: did you mean `hangup`?"),
        ("dail bob", .unknownCommand("dail", suggestion: "dial"), "unknown command `dail`: did you mean `dial`?"),
        ("registr", .unknownCommand("registr", suggestion: "register"),
         "unknown command `registr`: did you mean `register`?"),
        ("acounts", .unknownCommand("acounts", suggestion: "accounts"),
         "unknown command `acounts`: did you mean `accounts`?"),
        ("xyzzy", .unknownCommand("xyzzy", suggestion: nil), "unknown command `xyzzy` (`help` lists the commands)"),
        ("sip:bob@example.com", .unknownCommand("sip:bob@example.com", suggestion: nil),
         "unknown command `sip:bob@example.com` (`help` lists the commands)"),
        (#""" bob"#, .unknownCommand("", suggestion: nil), "unknown command `` (`help` lists the commands)"),
        ("help cal", .unknownHelpTopic("cal", suggestion: "call"), "help: no command `cal`: did you mean `call`?"),
        ("help xyzzy", .unknownHelpTopic("xyzzy", suggestion: nil), "help: no command `xyzzy` (`help` lists the commands)"),
        ("help call dial", .tooManyArguments(verb: .help), "help: too many arguments (usage: help [COMMAND])"),
        ("call", .missingArgument(verb: .call, argument: "URI"), "call: missing URI (usage: call URI [ACCOUNT])"),
        ("dial", .missingArgument(verb: .call, argument: "URI"), "call: missing URI (usage: call URI [ACCOUNT])"),
        (#"call """#, .emptyArgument(verb: .call, argument: "URI"), "call: URI is empty"),
        (#"call bob ''"#, .emptyArgument(verb: .call, argument: "ACCOUNT"), "call: ACCOUNT is empty"),
        ("call bob work extra", .tooManyArguments(verb: .call), "call: too many arguments (usage: call URI [ACCOUNT])"),
        (#"register """#, .emptyArgument(verb: .register, argument: "ACCOUNT"), "register: ACCOUNT is empty"),
        ("register a b", .tooManyArguments(verb: .register), "register: too many arguments (usage: register [ACCOUNT])"),
        ("unregister a b", .tooManyArguments(verb: .unregister),
         "unregister: too many arguments (usage: unregister [ACCOUNT])"),
        ("accounts work", .tooManyArguments(verb: .accounts), "accounts: too many arguments (usage: accounts)"),
        ("calls 1", .tooManyArguments(verb: .calls), "calls: too many arguments (usage: calls)"),
        ("reload now", .tooManyArguments(verb: .reload), "reload: too many arguments (usage: reload)"),
        ("quit now", .tooManyArguments(verb: .quit), "quit: too many arguments (usage: quit)"),
        ("exit 0", .tooManyArguments(verb: .quit), "quit: too many arguments (usage: quit)"),
        ("hold x", .notACallNumber(verb: .hold, word: "x", allowsAll: false), "hold: `x` is not a call number"),
        ("resume 1 2", .tooManyArguments(verb: .resume), "resume: too many arguments (usage: resume [CALL])"),
        ("message", .missingArgument(verb: .message, argument: "TARGET"), "message: missing TARGET (usage: message TARGET TEXT)"),
        ("message bob", .missingArgument(verb: .message, argument: "TEXT"), "message: missing TEXT (usage: message TARGET TEXT)"),
        ("dnd maybe", .notOnOrOff(verb: .dnd, word: "maybe"), "dnd: `maybe` is neither on nor off"),
        ("dnd on off", .tooManyArguments(verb: .dnd), "dnd: too many arguments (usage: dnd [on|off])"),
        ("forward sometimes x", .notAForwardingKind(verb: .forward, word: "sometimes"),
         "forward: `sometimes` is not always, busy, noanswer or off"),
        ("forward always", .missingArgument(verb: .forward, argument: "TARGET"),
         "forward: missing TARGET (usage: forward always|busy|noanswer TARGET|off | off)"),
        ("atransfer 1", .missingArgument(verb: .atransfer, argument: "CALL"), "atransfer: missing CALL (usage: atransfer CALL CALL)"),
        ("atransfer 1 x", .notACallNumber(verb: .atransfer, word: "x", allowsAll: false), "atransfer: `x` is not a call number"),
        ("redial now", .tooManyArguments(verb: .redial), "redial: too many arguments (usage: redial)"),
        ("transfer", .missingArgument(verb: .transfer, argument: "TARGET"),
         "transfer: missing TARGET (usage: transfer TARGET [CALL] | accept|decline [CALL])"),
        ("transfer carol x", .notACallNumber(verb: .transfer, word: "x", allowsAll: false), "transfer: `x` is not a call number"),
        ("transfer carol 1 2", .tooManyArguments(verb: .transfer), "transfer: too many arguments (usage: transfer TARGET [CALL] | accept|decline [CALL])"),
        ("transfer accept x", .notACallNumber(verb: .transfer, word: "x", allowsAll: false), "transfer: `x` is not a call number"),
        ("answer x", .notACallNumber(verb: .answer, word: "x", allowsAll: false), "answer: `x` is not a call number"),
        ("answer 0", .notACallNumber(verb: .answer, word: "0", allowsAll: false), "answer: `0` is not a call number"),
        ("answer -1", .notACallNumber(verb: .answer, word: "-1", allowsAll: false), "answer: `-1` is not a call number"),
        ("answer +1", .notACallNumber(verb: .answer, word: "+1", allowsAll: false), "answer: `+1` is not a call number"),
        ("answer 1234567890", .notACallNumber(verb: .answer, word: "1234567890", allowsAll: false),
         "answer: `1234567890` is not a call number"),
        ("answer ١", .notACallNumber(verb: .answer, word: "١", allowsAll: false), "answer: `١` is not a call number"),
        ("answer 1 2", .tooManyArguments(verb: .answer), "answer: too many arguments (usage: answer [CALL])"),
        ("hangup x", .notACallNumber(verb: .hangup, word: "x", allowsAll: true), "hangup: `x` is not a call number or `all`"),
        ("hangup 1 2", .tooManyArguments(verb: .hangup), "hangup: too many arguments (usage: hangup [CALL|all])"),
        ("hangup all 2", .tooManyArguments(verb: .hangup), "hangup: too many arguments (usage: hangup [CALL|all])"),
        ("switch", .missingArgument(verb: .switch, argument: "CALL"), "switch: missing CALL (usage: switch CALL)"),
        ("switch all", .notACallNumber(verb: .switch, word: "all", allowsAll: false), "switch: `all` is not a call number"),
        ("switch 1 2", .tooManyArguments(verb: .switch), "switch: too many arguments (usage: switch CALL)"),
        ("busy x", .notACallNumber(verb: .busy, word: "x", allowsAll: false), "busy: `x` is not a call number"),
        ("busy 1 486", .tooManyArguments(verb: .busy), "busy: too many arguments (usage: busy [CALL])"),
        ("reject 1 200", .statusCodeOutOfRange(verb: .reject, code: "200"), "reject: code must be 400–699, not 200"),
        ("reject 1 399", .statusCodeOutOfRange(verb: .reject, code: "399"), "reject: code must be 400–699, not 399"),
        ("reject 1 700", .statusCodeOutOfRange(verb: .reject, code: "700"), "reject: code must be 400–699, not 700"),
        ("decline 1 200", .statusCodeOutOfRange(verb: .reject, code: "200"), "reject: code must be 400–699, not 200"),
        ("reject 1 99999999999999999999999", .statusCodeOutOfRange(verb: .reject, code: "99999999999999999999999"),
         "reject: code must be 400–699, not 99999999999999999999999"),
        ("reject 1 nope", .notAStatusCode(verb: .reject, word: "nope"),
         "reject: `nope` is not a status code (400–699 or busy (486), decline (603), unavailable (480))"),
        ("reject 1 -486", .notAStatusCode(verb: .reject, word: "-486"),
         "reject: `-486` is not a status code (400–699 or busy (486), decline (603), unavailable (480))"),
        ("reject x", .notACallOrCode(verb: .reject, word: "x"),
         "reject: `x` is not a call number or a status code name (busy (486), decline (603), unavailable (480))"),
        ("reject x 486", .notACallNumber(verb: .reject, word: "x", allowsAll: false), "reject: `x` is not a call number"),
        ("reject 1 486 now", .tooManyArguments(verb: .reject), "reject: too many arguments (usage: reject [CALL] [CODE])"),
        ("call 'bob", .unterminatedQuote("'"), "unterminated quote: ' is never closed"),
        (#"call "bob"#, .unterminatedQuote("\""), #"unterminated quote: " is never closed"#),
        ("call \u{1B}[31mbob", .controlCharacter("\u{1B}"), "control character U+001B in the line"),
        ("call bob\u{85}", .controlCharacter("\u{85}"), "control character U+0085 in the line"),
        (String(repeating: "a", count: 5000), .lineTooLong(bytes: 5000, limit: 4096),
         "line too long: 5000 bytes, at most 4096"),
    ]

    @Test(arguments: refused.indices) func refuses(index: Int) {
        let (line, error, message) = Self.refused[index]
        #expect(throws: error) { try CommandParser.parse(line) }
        #expect(error.description == message)
    }

    @Test func longWordsAreCutInMessages() {
        let word = String(repeating: "z", count: 100)
        let error = CommandError.unknownCommand(word, suggestion: nil)
        #expect(error.description == "unknown command `\(String(repeating: "z", count: 40))…` (`help` lists the commands)")
    }

    @Test func everyErrorNamesTheCommandOrTheProblem() {
        for (line, error, _) in Self.refused {
            guard let first = line.split(separator: " ").first, let known = CommandVerb(word: String(first))
            else { continue }
            switch error {
            case .unknownHelpTopic, .unterminatedQuote, .controlCharacter, .lineTooLong, .unknownCommand: continue
            default: #expect(error.description.hasPrefix(known.rawValue + ": "), "\(line)")
            }
        }
    }
}

/// "Did you mean": close words only.
@Suite(.timeLimit(.minutes(1))) struct SuggestionTests {
    @Test func distances() {
        #expect(Suggestion.editDistance(Array("call"), Array("call")) == 0)
        #expect(Suggestion.editDistance(Array("cal"), Array("call")) == 1)
        #expect(Suggestion.editDistance(Array("clal"), Array("call")) == 1)
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Suggestion.editDistance(Array(""), Array("abc")) == 3)
    }

    @Test func farWordsGetNoSuggestion() {
        #expect(Suggestion.closest(to: "zzz", among: CommandVerb.suggestible) == nil)
        #expect(Suggestion.closest(to: "x", among: CommandVerb.suggestible) == nil)
        #expect(Suggestion.closest(to: String(repeating: "c", count: 10_000), among: CommandVerb.suggestible) == nil)
    }

    @Test func shortWordsAllowOneEdit() {
        #expect(Suggestion.closest(to: "qit", among: CommandVerb.suggestible) == "quit")
        #expect(Suggestion.closest(to: "by", among: CommandVerb.suggestible) == "bye")
    }
}
