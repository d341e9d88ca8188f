/// What a command line asks for.
enum CLIRequest: Equatable {
    case run(CLIInvocation)
    /// `--help`, `-h` or `help …`: the help of the last command of `path`.
    case help(path: [String])
    case version
    /// `--generate-completion-script SHELL`.
    case completionScript(shell: CLIShell)
}

/// A command to run, with what the line gave it.
struct CLIInvocation: Equatable {
    /// The subcommands below `pipit` (`["debug", "parse-sip"]`; empty for pipit itself).
    var path: [String] = []
    /// Options' values by key (`config`, `e`).
    var values: [String: String] = [:]
    /// Flags given, by key (`headless`).
    var flags: Set<String> = []
    var arguments: [String] = []

    func value(_ key: String) -> String? { values[key] }
    func flag(_ key: String) -> Bool { flags.contains(key) }
}

/// The shells pipit writes completion scripts for.
enum CLIShell: String, CaseIterable, Sendable {
    case bash, zsh, fish
}

/// A command line pipit cannot make sense of: the message, and the command it concerns
/// (for the usage line printed with it).
struct CLIUsageError: Error, Equatable {
    var message: String
    var path: [String]
}

/// Reads a command line against a `CLICommand` tree. Options go with the command they
/// follow; `--opt value` and `--opt=value` both work, and a value may not start with a
/// dash (so `--config --json` is a missing value, not a file called `--json`) unless it is
/// `-` itself; `--` ends the options; each option at most once.
struct CLIParser {
    let root: CLICommand

    func parse(_ words: [String]) -> Result<CLIRequest, CLIUsageError> {
        var command = root
        var invocation = CLIInvocation()
        var optionsEnded = false
        var index = 0
        func fail(_ message: String) -> Result<CLIRequest, CLIUsageError> {
            .failure(CLIUsageError(message: message, path: invocation.path))
        }
        while index < words.count {
            let word = words[index]
            index += 1
            if !optionsEnded && word.hasPrefix("-") && word != "-" {
                switch word {
                case "--":
                    optionsEnded = true
                    continue
                case "-h", "--help":
                    return .success(.help(path: invocation.path))
                case "--version":
                    return .success(.version)
                case "--generate-completion-script" where invocation.path.isEmpty:
                    guard index < words.count, let shell = CLIShell(rawValue: words[index]) else {
                        return fail("--generate-completion-script takes one of: \(CLIShell.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return .success(.completionScript(shell: shell))
                default:
                    break
                }
                let (name, attached) = Self.split(word)
                guard let option = command.option(named: name) else { return fail("Unknown option '\(name)'") }
                guard invocation.values[option.key] == nil && !invocation.flags.contains(option.key) else {
                    return fail("'\(name)' is given twice")
                }
                if option.isFlag {
                    guard attached == nil else { return fail("'\(name)' takes no value") }
                    invocation.flags.insert(option.key)
                    continue
                }
                var value = attached
                if value == nil, index < words.count, !Self.looksLikeOption(words[index]) {
                    value = words[index]
                    index += 1
                }
                guard let value else { return fail("Missing value for '\(name) <\(option.valueName ?? "value")>'") }
                invocation.values[option.key] = value
                continue
            }
            // A subcommand, when nothing was given to this command yet.
            if invocation.arguments.isEmpty && invocation.values.isEmpty && invocation.flags.isEmpty && !optionsEnded {
                if let sub = command.subcommand(word) {
                    command = sub
                    invocation.path.append(word)
                    continue
                }
                if word == "help" && invocation.path.isEmpty {
                    return helpPath(Array(words[index...]))
                }
            }
            guard invocation.arguments.count < command.arguments.count else { return fail("Unexpected argument '\(word)'") }
            invocation.arguments.append(word)
        }
        guard command.runs else { return fail("'\(([root.name] + invocation.path).joined(separator: " "))' needs a subcommand") }
        if let missing = command.arguments.dropFirst(invocation.arguments.count).first(where: { !$0.optional }) {
            return fail("Missing expected argument '<\(missing.name)>'")
        }
        return .success(.run(invocation))
    }

    /// `pipit help debug parse-sip`.
    private func helpPath(_ names: [String]) -> Result<CLIRequest, CLIUsageError> {
        var command = root
        var path: [String] = []
        for name in names {
            guard let sub = command.subcommand(name) else {
                return .failure(CLIUsageError(message: "Unknown subcommand '\(name)'", path: path))
            }
            command = sub
            path.append(name)
        }
        return .success(.help(path: path))
    }

    /// The commands along `path` from the root (the root first).
    func chain(_ path: [String]) -> [CLICommand] {
        var chain = [root]
        for name in path {
            guard let sub = chain[chain.count - 1].subcommand(name) else { break }
            chain.append(sub)
        }
        return chain
    }

    private static func split(_ word: String) -> (name: String, value: String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    private static func looksLikeOption(_ word: String) -> Bool { word.hasPrefix("-") && word != "-" }
}
