import UserAgent

/// The first word of a command line: every command the language knows, under its canonical
/// name. Each verb has an entry in the help table (`spec`) and a parser (`CommandParser`);
/// both switches are exhaustive, so a verb cannot exist without help or without a parser.
public enum CommandVerb: String, Sendable, CaseIterable {
    case register, unregister, accounts
    case call, answer, reject, busy, hangup
    case `switch`, calls, hold, resume, transfer, message
    case atransfer
    case dnd, forward, autoanswer, redial, voicemail
    case stats, mute, unmute, record, play, dtmf
    case contacts, `import`
    case conference
    case audio
    case nat
    case set, reload, quit, help

    /// Other words for the same verb, as users of baresip and linphonec type them.
    public var aliases: [String] {
        switch self {
        case .register: ["reg"]
        case .unregister: ["unreg"]
        case .accounts: ["reginfo"]
        case .call: ["dial"]
        case .answer: ["accept"]
        case .reject: ["decline"]
        case .busy: []
        case .hangup: ["bye", "terminate"]
        case .switch: []
        case .calls: []
        case .hold: []
        case .resume: ["unhold"]
        case .transfer: ["xfer"]
        case .message: ["msg", "chat"]
        case .atransfer: []
        case .dnd: []
        case .forward: ["fwd"]
        case .autoanswer: ["aa"]
        case .redial: []
        case .voicemail: ["vm"]
        case .stats: ["quality"]
        case .mute: []
        case .unmute: []
        case .record: []
        case .play: []
        case .dtmf: ["send"]
        case .contacts: ["phonebook"]
        case .import: []
        case .conference: ["conf", "join"]
        case .audio: ["sound"]
        case .nat: ["ice"]
        case .set: []
        case .reload: []
        case .quit: ["exit"]
        case .help: ["?"]
        }
    }

    /// The verb named by `word` (the name or an alias, any case).
    public init?(word: String) {
        let word = word.lowercased()
        guard let verb = Self.allCases.first(where: { $0.rawValue == word || $0.aliases.contains(word) })
        else { return nil }
        self = verb
    }

    /// The verb whose line produces `command`. `reject` lines with code 486 come from `busy`
    /// as often as from `reject`; this names `reject`, the general one.
    public init(of command: Command) {
        switch command {
        case .register: self = .register
        case .unregister: self = .unregister
        case .accounts: self = .accounts
        case .call: self = .call
        case .answer: self = .answer
        case .reject: self = .reject
        case .hangup, .hangupAll: self = .hangup
        case .switchTo: self = .switch
        case .calls: self = .calls
        case .hold: self = .hold
        case .resume: self = .resume
        case .transfer, .answerTransfer: self = .transfer
        case .sendMessage: self = .message
        case .attendedTransfer: self = .atransfer
        case .doNotDisturb: self = .dnd
        case .forward: self = .forward
        case .autoAnswer: self = .autoanswer
        case .redial: self = .redial
        case .voicemail: self = .voicemail
        case .statistics: self = .stats
        case .mute(_, let muted): self = muted ? .mute : .unmute
        case .record, .stopRecording: self = .record
        case .sendDigits: self = .dtmf
        case .play: self = .play
        case .contacts: self = .contacts
        case .importContacts: self = .import
        case .conference: self = .conference
        case .audio: self = .audio
        case .nat: self = .nat
        case .set: self = .set
        case .reload: self = .reload
        case .quit: self = .quit
        }
    }

    /// Every word that names a verb: names and aliases.
    static var allWords: [String] { allCases.flatMap { [$0.rawValue] + $0.aliases } }

    /// The words worth offering as "did you mean": `?` is one edit away from any letter.
    static var suggestible: [String] { allWords.filter { $0.count > 1 } }

    /// The verbs' names, for shell completion of `pipit -e` and `pipit --send`.
    public static var completions: [String] { allCases.map(\.rawValue).filter { $0.count > 1 }.sorted() }
}
