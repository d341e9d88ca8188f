import UserAgent

/// What one command line asks for.
public enum ControlInput: Sendable, Equatable {
    /// Something for the user agent to do.
    case command(Command)
    /// Show the help (all commands, or one); the front end answers it from `CommandHelp`.
    case help(CommandVerb?)
}

/// The command language: one line of text in, one `ControlInput` out, or an error naming the
/// problem. Pure: no I/O, no state.
///
/// Grammar (see `CommandHelp` for the vocabulary):
/// - words are split as `CommandTokenizer` describes (quotes, `#` comments);
/// - the first word names the command, in any case; `all` and status code names too;
/// - CALL is a call number (1, 2 …); CODE a status code 400–699 or a name (`busy`, …).
public enum CommandParser {
    /// Parses `line`. Returns `nil` for a line with nothing to do (blank or a comment).
    public static func parse(_ line: String) throws(CommandError) -> ControlInput? {
        let words = try CommandTokenizer.words(line)
        guard let first = words.first else { return nil }
        guard let verb = CommandVerb(word: first) else {
            throw .unknownCommand(first, suggestion: Suggestion.closest(to: first, among: CommandVerb.suggestible))
        }
        return try parse(verb, Array(words.dropFirst()))
    }

    private static func parse(_ verb: CommandVerb, _ args: [String]) throws(CommandError) -> ControlInput {
        var args = Arguments(verb: verb, words: args)
        let input: ControlInput
        switch verb {
        case .register:
            input = .command(.register(account: try args.optionalName("ACCOUNT")))
        case .unregister:
            input = .command(.unregister(account: try args.optionalName("ACCOUNT")))
        case .accounts:
            input = .command(.accounts)
        case .call:
            let target = try args.requiredName("URI")
            input = .command(.call(target: target, account: try args.optionalName("ACCOUNT")))
        case .answer:
            input = .command(.answer(call: try args.optionalCall(allowingAll: false)))
        case .reject:
            input = .command(try rejection(&args))
        case .busy:
            input = .command(.reject(call: try args.optionalCall(allowingAll: false), code: 486))
        case .hangup:
            if args.peek?.lowercased() == "all" {
                _ = args.next()
                input = .command(.hangupAll)
            } else {
                input = .command(.hangup(call: try args.optionalCall(allowingAll: true)))
            }
        case .switch:
            guard let call = try args.optionalCall(allowingAll: false) else {
                throw .missingArgument(verb: verb, argument: "CALL")
            }
            input = .command(.switchTo(call: call))
        case .calls:
            input = .command(.calls)
        case .hold:
            input = .command(.hold(call: try args.optionalCall(allowingAll: false)))
        case .resume:
            input = .command(.resume(call: try args.optionalCall(allowingAll: false)))
        case .transfer:
            input = .command(try transfer(&args))
        case .dnd:
            switch args.next()?.lowercased() {
            case nil: input = .command(.doNotDisturb(nil))
            case "on": input = .command(.doNotDisturb(true))
            case "off": input = .command(.doNotDisturb(false))
            case let word?: throw .notOnOrOff(verb: verb, word: word)
            }
        case .forward:
            input = .command(.forward(try forwarding(&args)))
        case .autoanswer:
            input = .command(.autoAnswer(try autoAnswer(&args)))
        case .redial:
            input = .command(.redial)
        case .atransfer:
            guard let call = try args.optionalCall(allowingAll: false) else { throw .missingArgument(verb: verb, argument: "CALL") }
            guard let other = try args.optionalCall(allowingAll: false) else { throw .missingArgument(verb: verb, argument: "CALL") }
            input = .command(.attendedTransfer(call: call, to: other))
        case .voicemail:
            input = .command(.voicemail(account: try args.optionalName("ACCOUNT")))
        case .message:
            let target = try args.requiredName("TARGET")
            guard args.peek != nil else { throw .missingArgument(verb: verb, argument: "TEXT") }
            // The rest of the line is the text: `message bob see you at 3` needs no quotes.
            let text = args.rest().joined(separator: " ")
            let call = CallNumberWord.parse(target)
            input = .command(.sendMessage(call: call, target: call == nil ? target : nil, text: text, account: nil))
        case .stats:
            input = .command(.statistics(call: try args.optionalCall(allowingAll: false)))
        case .mute:
            input = .command(.mute(call: try args.optionalCall(allowingAll: false), muted: true))
        case .unmute:
            input = .command(.mute(call: try args.optionalCall(allowingAll: false), muted: false))
        case .record:
            input = .command(try recording(&args))
        case .play:
            let path = try args.requiredName("FILE")
            input = .command(.play(call: try args.optionalCall(allowingAll: false), path: path))
        case .audio:
            input = .command(.audio(try AudioArguments.parse(&args)))
        case .nat:
            // `nat`, `nat 2`, `nat status`, `nat status 2`.
            if let word = args.peek, CallNumberWord.parse(word) == nil {
                guard word.lowercased() == "status" else { throw .notAChoice(verb: verb, word: word, choices: ["status"]) }
                _ = args.next()
            }
            input = .command(.nat(.status(call: try args.optionalCall(allowingAll: false))))
        case .conference:
            input = .command(.conference)
        case .dtmf:
            let digits = try args.requiredName("DIGITS")
            guard digits.allSatisfy({ "0123456789*#ABCDabcd".contains($0) }) else {
                throw .notDigits(verb: verb, word: digits)
            }
            input = .command(.sendDigits(call: try args.optionalCall(allowingAll: false), digits: digits))
        case .contacts:
            input = .command(.contacts(search: try args.optionalName("TEXT")))
        case .import:
            input = .command(.importContacts(path: try args.requiredName("FILE")))
        case .set:
            // The rest of the line is the value: `set account.work.codecs ["opus", "pcmu"]`.
            let key = try args.optionalName("KEY")
            let value = args.rest().joined(separator: " ")
            input = .command(.set(key: key, value: value.isEmpty ? nil : value))
        case .reload:
            input = .command(.reload)
        case .quit:
            input = .command(.quit)
        case .help:
            input = .help(try args.next().map(helpTopic))
        }
        try args.expectEnd()
        return input
    }

    /// `record [CALL] [FILE|stop]`: a number first is the call; `stop` ends a recording.
    private static func recording(_ args: inout Arguments) throws(CommandError) -> Command {
        var call: CallNumber?
        if let first = args.peek, CallNumberWord.parse(first) != nil { call = try args.optionalCall(allowingAll: false) }
        if args.peek?.lowercased() == "stop" {
            _ = args.next()
            return .stopRecording(call: call)
        }
        return .record(call: call, path: try args.optionalName("FILE"))
    }

    /// `autoanswer`, `autoanswer on [SECONDS] [ACCOUNT]`, `autoanswer off [ACCOUNT]`.
    private static func autoAnswer(_ args: inout Arguments) throws(CommandError) -> AutoAnswerChange {
        guard let word = args.next()?.lowercased() else { return .show }
        guard word == "on" || word == "off" else { throw .notOnOrOff(verb: args.verb, word: word) }
        var delay: Int?
        if let next = args.peek, next.first?.isNumber == true {
            guard let seconds = Int(next), (0...3600).contains(seconds) else { throw .notANumber(verb: args.verb, word: next) }
            delay = seconds
            _ = args.next()
        }
        return .set(on: word == "on", delay: delay, account: try args.optionalName("ACCOUNT"))
    }

    /// `forward`, `forward off`, `forward always|busy|noanswer TARGET|off`.
    private static func forwarding(_ args: inout Arguments) throws(CommandError) -> ForwardingChange {
        guard let first = args.next() else { return .show }
        if first.lowercased() == "off" { return .clear(nil) }
        guard let kind = ForwardingKind(rawValue: first.lowercased()) else {
            throw .notAForwardingKind(verb: args.verb, word: first)
        }
        let target = try args.requiredName("TARGET")
        return target.lowercased() == "off" ? .clear(kind) : .set(kind, target: target)
    }

    /// `transfer TARGET [CALL]`, `transfer CALL TARGET`, `transfer accept|decline [CALL]`.
    private static func transfer(_ args: inout Arguments) throws(CommandError) -> Command {
        if let word = args.peek?.lowercased(), word == "accept" || word == "decline" {
            _ = args.next()
            return .answerTransfer(call: try args.optionalCall(allowingAll: false), accept: word == "accept")
        }
        // `transfer TARGET [CALL]`, or `transfer CALL TARGET`: a call number first, then a
        // target that is not one, is the second form.
        if args.words.count == 2, let first = args.peek, CallNumberWord.parse(first) != nil,
           let second = args.words.last, CallNumberWord.parse(second) == nil {
            let call = try args.optionalCall(allowingAll: false)
            return .transfer(call: call, target: try args.requiredName("TARGET"))
        }
        let target = try args.requiredName("TARGET")
        return .transfer(call: try args.optionalCall(allowingAll: false), target: target)
    }

    /// `reject [CALL] [CODE]`. One argument: a number is the call, a name is the code.
    private static func rejection(_ args: inout Arguments) throws(CommandError) -> Command {
        guard let first = args.next() else { return .reject(call: nil, code: RejectCode.default) }
        guard let second = args.next() else {
            if let call = CallNumberWord.parse(first) { return .reject(call: call, code: RejectCode.default) }
            if let code = RejectCode.code(named: first) { return .reject(call: nil, code: code) }
            throw .notACallOrCode(verb: args.verb, word: first)
        }
        guard let call = CallNumberWord.parse(first) else {
            throw .notACallNumber(verb: args.verb, word: first, allowsAll: false)
        }
        return .reject(call: call, code: try statusCode(second, verb: args.verb))
    }

    private static func statusCode(_ word: String, verb: CommandVerb) throws(CommandError) -> Int {
        if let code = RejectCode.code(named: word) { return code }
        // Digits only: `+486` or `4e2` is not how anyone writes a status code.
        guard !word.isEmpty, word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .notAStatusCode(verb: verb, word: word)
        }
        guard let code = Int(word), RejectCode.range.contains(code) else {
            throw .statusCodeOutOfRange(verb: verb, code: word)
        }
        return code
    }

    private static func helpTopic(_ word: String) throws(CommandError) -> CommandVerb {
        guard let verb = CommandVerb(word: word) else {
            throw .unknownHelpTopic(word, suggestion: Suggestion.closest(to: word, among: CommandVerb.suggestible))
        }
        return verb
    }
}

/// A call number as users type it: decimal digits, 1 or more.
enum CallNumberWord {
    static func parse(_ word: String) -> CallNumber? {
        guard !word.isEmpty, word.count <= 9, word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let n = Int(word), n >= 1 else { return nil }
        return n
    }
}

/// The words after the verb, taken one at a time.
struct Arguments {
    let verb: CommandVerb
    var words: ArraySlice<String>

    init(verb: CommandVerb, words: [String]) {
        self.verb = verb
        self.words = words[...]
    }

    var peek: String? { words.first }

    mutating func next() -> String? { words.popFirst() }

    mutating func requiredName(_ name: String) throws(CommandError) -> String {
        guard let word = next() else { throw .missingArgument(verb: verb, argument: name) }
        guard !word.isEmpty else { throw .emptyArgument(verb: verb, argument: name) }
        return word
    }

    mutating func optionalName(_ name: String) throws(CommandError) -> String? {
        guard let word = next() else { return nil }
        guard !word.isEmpty else { throw .emptyArgument(verb: verb, argument: name) }
        return word
    }

    mutating func optionalCall(allowingAll: Bool) throws(CommandError) -> CallNumber? {
        guard let word = next() else { return nil }
        guard let call = CallNumberWord.parse(word) else {
            throw .notACallNumber(verb: verb, word: word, allowsAll: allowingAll)
        }
        return call
    }

    /// Every word left.
    mutating func rest() -> [String] {
        defer { words = [] }
        return Array(words)
    }

    func expectEnd() throws(CommandError) {
        if !words.isEmpty { throw .tooManyArguments(verb: verb) }
    }
}
