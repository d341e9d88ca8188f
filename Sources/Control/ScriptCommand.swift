import UserAgent

/// The scripting words of the command language: waits and pauses. They are front-end logic
/// over the event stream (see `WaitMatcher`), never commands to the user agent, so they have
/// their own parser and do not appear in `CommandVerb`.
public enum ScriptCommand: Sendable, Equatable {
    /// `wait …`: block the script until `condition` holds, at most `timeout`.
    case wait(WaitCondition, timeout: Duration)
    /// `sleep SECONDS`.
    case sleep(Duration)

    /// How long a wait lasts when no TIMEOUT is given.
    public static let defaultTimeout: Duration = .seconds(30)
    /// Longest wait or sleep accepted: a day.
    static let maxSeconds = 86_400.0

    /// The help lines for the scripting words (shown after the commands' help).
    public static let helpLines = [
        "wait registered [ACCOUNT] [TIMEOUT]  wait until the account (any account) is registered",
        "wait call [CALL] STATE [TIMEOUT]     wait until the call (the newest) is trying, proceeding, ringing, early, incoming, established, held or ended",
        "wait dtmf DIGITS [TIMEOUT]           wait until the peer has sent DIGITS",
        "sleep SECONDS                        pause the script",
        "TIMEOUT is in seconds (default 30); in a script a timed-out wait stops it.",
    ]

    /// Parses `line` when its first word is `wait` or `sleep`; nil for any other line (which
    /// then goes to `CommandParser`).
    public static func parse(_ line: String) throws(ScriptError) -> ScriptCommand? {
        let words: [String]
        do { words = try CommandTokenizer.words(line) } catch { throw ScriptError(error.description) }
        guard let first = words.first?.lowercased(), first == "wait" || first == "sleep" else { return nil }
        var args = Array(words.dropFirst())[...]
        if first == "sleep" {
            guard let word = args.popFirst() else { throw ScriptError("sleep needs SECONDS") }
            guard args.isEmpty else { throw ScriptError("sleep takes one argument, SECONDS") }
            return .sleep(try seconds(word))
        }
        guard let kind = args.popFirst()?.lowercased() else {
            throw ScriptError("wait needs what to wait for: registered, call or dtmf")
        }
        // A number at the end, after the words the condition needs, is the timeout.
        let needed = kind == "registered" ? 0 : 1
        var timeout = defaultTimeout
        if args.count > needed, let last = args.last, isNumber(last) {
            timeout = try seconds(last)
            args.removeLast()
        }
        switch kind {
        case "registered":
            guard args.count <= 1 else { throw ScriptError("wait registered takes [ACCOUNT] [TIMEOUT]") }
            return .wait(.registered(account: args.first), timeout: timeout)
        case "call":
            var call: CallNumber?
            if args.count == 2 {
                guard let number = CallNumberWord.parse(args[args.startIndex]) else {
                    throw ScriptError("wait call: \(args[args.startIndex]) is not a call number")
                }
                call = number
                args.removeFirst()
            }
            guard args.count == 1, let word = args.first else { throw ScriptError("wait call takes [CALL] STATE [TIMEOUT]") }
            guard let state = WaitCallState(rawValue: word.lowercased()) else {
                let names = WaitCallState.allCases.map(\.rawValue).joined(separator: ", ")
                throw ScriptError("wait call: unknown state \(word) (one of \(names))")
            }
            return .wait(.call(call, state), timeout: timeout)
        case "dtmf":
            guard args.count == 1, let digits = args.first, !digits.isEmpty else {
                throw ScriptError("wait dtmf takes DIGITS [TIMEOUT]")
            }
            guard digits.count <= 64, digits.allSatisfy({ "0123456789*#ABCDabcd".contains($0) }) else {
                throw ScriptError("wait dtmf: \(digits) is not DTMF digits (0-9 * # A-D)")
            }
            return .wait(.dtmf(digits.uppercased()), timeout: timeout)
        default:
            throw ScriptError("wait: unknown condition \(kind) (registered, call or dtmf)")
        }
    }

    private static func isNumber(_ word: String) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }
    }

    /// Seconds as typed: digits with at most one decimal point, up to a day.
    private static func seconds(_ word: String) throws(ScriptError) -> Duration {
        guard isNumber(word), let value = Double(word), value.isFinite, value >= 0, value <= maxSeconds else {
            throw ScriptError("\(word) is not a number of seconds (0 to \(Int(maxSeconds)))")
        }
        return .milliseconds(Int64((value * 1000).rounded()))
    }
}

/// Why a scripting line was refused, as the user reads it.
public struct ScriptError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What a `wait` waits for.
public enum WaitCondition: Sendable, Equatable {
    /// The named account, or any account, is registered.
    case registered(account: String?)
    /// The numbered call, or the newest call, reaches the state.
    case call(CallNumber?, WaitCallState)
    /// The peer sent these digits (in order, one after another).
    case dtmf(String)
}

/// The call states a script can wait for, as typed.
public enum WaitCallState: String, Sendable, CaseIterable {
    case trying, proceeding, ringing, early, incoming, established, held, ended

    /// Set-up states count once passed (a fast peer may ring and answer between two lines
    /// of a script); `established` and `held` must hold now, `ended` means terminated.
    var isSetupStep: Bool {
        switch self {
        case .trying, .proceeding, .ringing, .early, .incoming: true
        case .established, .held, .ended: false
        }
    }

    init(_ state: CallState) {
        switch state {
        case .trying: self = .trying
        case .proceeding: self = .proceeding
        case .ringing: self = .ringing
        case .earlyMedia: self = .early
        case .incoming: self = .incoming
        case .established: self = .established
        case .held: self = .held
        case .terminating, .terminated: self = .ended
        }
    }
}
