/// Why a command line was refused. `description` is the message shown to the user; it names
/// the command and the offending word.
public enum CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    case lineTooLong(bytes: Int, limit: Int)
    /// A control character (other than tab) in the line.
    case controlCharacter(Unicode.Scalar)
    case unterminatedQuote(Character)
    /// The first word names no command; `suggestion` is the closest one, if any is close.
    case unknownCommand(String, suggestion: String?)
    /// `help WORD` where WORD names no command.
    case unknownHelpTopic(String, suggestion: String?)
    case missingArgument(verb: CommandVerb, argument: String)
    case tooManyArguments(verb: CommandVerb)
    /// An argument that must not be empty was given as `""`.
    case emptyArgument(verb: CommandVerb, argument: String)
    /// A word where a call number (or `all`, when `allowsAll`) belongs.
    case notACallNumber(verb: CommandVerb, word: String, allowsAll: Bool)
    /// `reject WORD`: neither a call number nor a status code name.
    case notACallOrCode(verb: CommandVerb, word: String)
    /// A word where a status code belongs that is neither a number nor a code name.
    case notAStatusCode(verb: CommandVerb, word: String)
    /// A number outside 400–699 where a status code belongs, as typed.
    case statusCodeOutOfRange(verb: CommandVerb, code: String)
    /// `dtmf WORD`: characters that are not DTMF keys.
    case notDigits(verb: CommandVerb, word: String)
    /// A word where one of a few fixed words belongs (`audio gain mic|speaker`).
    case notAChoice(verb: CommandVerb, word: String, choices: [String])
    /// A word where a number belongs.
    case notANumber(verb: CommandVerb, word: String)
    /// `dnd` takes `on` or `off`.
    case notOnOrOff(verb: CommandVerb, word: String)
    /// `forward` takes always, busy, noanswer or off.
    case notAForwardingKind(verb: CommandVerb, word: String)

    public var description: String {
        switch self {
        case .lineTooLong(let bytes, let limit):
            return "line too long: \(bytes) bytes, at most \(limit)"
        case .controlCharacter(let scalar):
            return "control character \(Self.codePoint(scalar)) in the line"
        case .unterminatedQuote(let quote):
            return "unterminated quote: \(quote) is never closed"
        case .unknownCommand(let word, let suggestion):
            return "unknown command `\(Self.shown(word))`" + Self.hint(suggestion)
        case .unknownHelpTopic(let word, let suggestion):
            return "help: no command `\(Self.shown(word))`" + Self.hint(suggestion)
        case .missingArgument(let verb, let argument):
            return "\(verb.rawValue): missing \(argument) (usage: \(verb.spec.usage))"
        case .tooManyArguments(let verb):
            return "\(verb.rawValue): too many arguments (usage: \(verb.spec.usage))"
        case .emptyArgument(let verb, let argument):
            return "\(verb.rawValue): \(argument) is empty"
        case .notACallNumber(let verb, let word, let allowsAll):
            return "\(verb.rawValue): `\(Self.shown(word))` is not a call number" + (allowsAll ? " or `all`" : "")
        case .notACallOrCode(let verb, let word):
            return "\(verb.rawValue): `\(Self.shown(word))` is not a call number or a status code name (\(RejectCode.namesList))"
        case .notAStatusCode(let verb, let word):
            return "\(verb.rawValue): `\(Self.shown(word))` is not a status code (400–699 or \(RejectCode.namesList))"
        case .statusCodeOutOfRange(let verb, let code):
            return "\(verb.rawValue): code must be 400–699, not \(Self.shown(code))"
        case .notDigits(let verb, let word):
            return "\(verb.rawValue): `\(Self.shown(word))` has characters that are not keys (0-9, *, #, A-D)"
        case .notAChoice(let verb, let word, let choices):
            return "\(verb.rawValue): `\(Self.shown(word))` is not one of \(choices.joined(separator: ", "))"
        case .notANumber(let verb, let word):
            return "\(verb.rawValue): `\(Self.shown(word))` is not a number"
        case .notOnOrOff(let verb, let word):
            return "\(verb.rawValue): `\(Self.shown(word))` is neither on nor off"
        case .notAForwardingKind(let verb, let word):
            return "\(verb.rawValue): `\(Self.shown(word))` is not always, busy, noanswer or off"
        }
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { ": did you mean `\($0)`?" } ?? " (`help` lists the commands)"
    }

    /// A word as echoed back: long ones cut, so one bad line gives one short message.
    private static func shown(_ word: String) -> String {
        word.count <= 40 ? word : String(word.prefix(40)) + "…"
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
