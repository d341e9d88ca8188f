/// One command of pipit's command line (`pipit`, `pipit debug parse-sip` …) as data: its
/// options, arguments and subcommands. The parser, the help text and the shell completions
/// are all made from it, so they cannot disagree.
struct CLICommand: Sendable {
    var name: String
    var abstract: String
    var discussion: String = ""
    var options: [CLIOption] = []
    var arguments: [CLIArgument] = []
    var subcommands: [CLICommand] = []
    /// False for a command that only groups others (`pipit debug`): it needs a subcommand.
    var runs = true

    func subcommand(_ name: String) -> CLICommand? { subcommands.first { $0.name == name } }

    /// The option `word` names (`--config`, `-e`), if this command has it.
    func option(named word: String) -> CLIOption? { options.first { $0.names.contains(word) } }
}

/// A flag (`--headless`) or an option with a value (`--config FILE`).
struct CLIOption: Sendable {
    /// Long (`--config`) and short (`-e`) spellings, the first being the one shown.
    var names: [String]
    /// The value's name in help (`file`); nil for a flag.
    var valueName: String?
    var help: String
    /// What the shells offer for the value.
    var completion: CLICompletionKind = .none
    /// Said in help when the option is absent (`3`).
    var defaultValue: String?

    /// The key its value is stored under: the first name without dashes.
    var key: String { String(names[0].drop { $0 == "-" }) }
    var isFlag: Bool { valueName == nil }

    static func flag(_ name: String, _ help: String) -> CLIOption { CLIOption(names: [name], help: help) }

    static func value(_ name: String, _ valueName: String, _ help: String,
                      completion: CLICompletionKind = .none, default: String? = nil) -> CLIOption {
        CLIOption(names: [name], valueName: valueName, help: help, completion: completion, defaultValue: `default`)
    }
}

/// A positional argument (`<file>`).
struct CLIArgument: Sendable {
    var name: String
    var help: String
    var optional = false
    var completion: CLICompletionKind = .none
}

/// What a shell completes a value with.
enum CLICompletionKind: Sendable, Equatable {
    case none
    /// File names, of these extensions only when any are given.
    case file(extensions: [String])
    /// One of these words.
    case list([String])
}
