/// The help and usage texts of a command, made from its `CLICommand`, wrapped for an
/// 80-column terminal.
enum CLIHelp {
    static let width = 80
    /// Where option and subcommand descriptions start.
    static let column = 26

    /// `pipit debug parse-sip <file>`: the command's words, then its options and arguments.
    static func usage(_ chain: [CLICommand]) -> String {
        guard let command = chain.last else { return "" }
        var words = chain.map(\.name)
        for option in command.options {
            words.append(option.isFlag ? "[\(option.names[0])]" : "[\(option.names[0]) <\(option.valueName ?? "value")>]")
        }
        for argument in command.arguments {
            words.append(argument.optional ? "[<\(argument.name)>]" : "<\(argument.name)>")
        }
        if !command.subcommands.isEmpty { words.append("<subcommand>") }
        return words.joined(separator: " ")
    }

    /// The whole help of the last command of `chain`.
    static func text(_ chain: [CLICommand]) -> String {
        guard let command = chain.last else { return "" }
        var out = wrap("OVERVIEW: " + command.abstract, indent: 0) + "\n"
        if !command.discussion.isEmpty { out += "\n" + wrap(command.discussion, indent: 0) + "\n" }
        out += "\nUSAGE: \(usage(chain))\n"
        if !command.arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            for argument in command.arguments { out += entry("<\(argument.name)>", argument.help) }
        }
        out += "\nOPTIONS:\n"
        for option in command.options {
            var label = option.names.sorted { $0.count < $1.count }.joined(separator: ", ")
            if let value = option.valueName { label += " <\(value)>" }
            out += entry(label, option.help + (option.defaultValue.map { " (default: \($0))" } ?? ""))
        }
        out += entry("--version", "Show the version.")
        out += entry("-h, --help", "Show help information.")
        if !command.subcommands.isEmpty {
            out += "\nSUBCOMMANDS:\n"
            for sub in command.subcommands { out += entry(sub.name, sub.abstract) }
            let path = chain.dropFirst().map { $0.name + " " }.joined()
            out += "\n  See '\(chain[0].name) help \(path)<subcommand>' for detailed help.\n"
        }
        return out
    }

    /// What a bad command line prints (on standard error).
    static func error(_ failure: CLIUsageError, _ chain: [CLICommand]) -> String {
        let words = chain.map(\.name).joined(separator: " ")
        return "Error: \(failure.message)\nUsage: \(usage(chain))\n  See '\(words) --help' for more information.\n"
    }

    /// `  label                   text`, the text wrapped under itself.
    private static func entry(_ label: String, _ text: String) -> String {
        let head = "  " + label
        let body = wrap(text, indent: column).dropFirst(column)
        if head.count + 2 > column {
            return head + "\n" + String(repeating: " ", count: column) + body + "\n"
        }
        return head + String(repeating: " ", count: column - head.count) + body + "\n"
    }

    /// `text` in lines of at most `width` columns, each indented by `indent` spaces.
    static func wrap(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty && indent + line.count + 1 + word.count > width {
                lines.append(pad + line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(pad + line) }
        return lines.joined(separator: "\n")
    }
}
