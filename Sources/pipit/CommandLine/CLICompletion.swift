/// Shell completion scripts for bash, zsh and fish, made from the command tree: options,
/// subcommands, and option values (files, or a list of words such as the command verbs).
enum CLICompletion {
    static func script(_ root: CLICommand, shell: CLIShell) -> String {
        let commands = flatten(root, path: [])
        switch shell {
        case .bash: return bash(root.name, commands)
        case .zsh: return zsh(root.name, commands)
        case .fish: return fish(root.name, commands)
        }
    }

    /// Every command with its subcommand path (`[]`, `["debug"]`, `["debug", "parse-sip"]`).
    private static func flatten(_ command: CLICommand, path: [String]) -> [(path: [String], command: CLICommand)] {
        [(path, command)] + command.subcommands.flatMap { flatten($0, path: path + [$0.name]) }
    }

    private static func shellWords(_ words: [String]) -> String { words.joined(separator: " ") }

    // MARK: bash

    private static func bash(_ name: String, _ commands: [(path: [String], command: CLICommand)]) -> String {
        let function = "_\(name)"
        var out = """
        # bash completion for \(name); written by `\(name) --generate-completion-script bash`.
        \(function)() {
            local cur="${COMP_WORDS[COMP_CWORD]}" prev="" path="" i
            (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
            # The subcommands typed so far, as /debug/parse-sip.
            for (( i = 1; i < COMP_CWORD; i++ )); do
                case "${path}/${COMP_WORDS[i]}" in

        """
        let nested = commands.filter { !$0.path.isEmpty }.map { "/" + $0.path.joined(separator: "/") }
        out += "            \(nested.joined(separator: "|"))) path=\"${path}/${COMP_WORDS[i]}\" ;;\n"
        out += "        esac\n    done\n"
        out += "    case \"${path}|${prev}\" in\n"
        for (path, command) in commands {
            for option in command.options where !option.isFlag {
                let prefix = path.isEmpty ? "" : "/" + path.joined(separator: "/")
                let labels = option.names.map { "\"\(prefix)|\($0)\"" }
                out += "        \(labels.joined(separator: "|"))) \(bashValue(option.completion)); return ;;\n"
            }
        }
        out += "    esac\n    case \"${path}\" in\n"
        for (path, command) in commands {
            let options = command.options.flatMap(\.names) + ["--help"] + (path.isEmpty ? ["--version"] : [])
            var action = "COMPREPLY=($(compgen -W \"\(shellWords(options + command.subcommands.map(\.name)))\" -- \"$cur\"))"
            if let argument = command.arguments.first, argument.completion != .none {
                action = "if [[ $cur == -* ]]; then \(action); else \(bashValue(argument.completion)); fi"
            }
            let label = path.isEmpty ? "\"\"" : "\"/\(path.joined(separator: "/"))\""
            out += "        \(label)) \(action) ;;\n"
        }
        out += "    esac\n}\ncomplete -F \(function) \(name)\n"
        return out
    }

    private static func bashValue(_ kind: CLICompletionKind) -> String {
        switch kind {
        case .none: return "COMPREPLY=()"
        case .list(let words): return "COMPREPLY=($(compgen -W \"\(shellWords(words))\" -- \"$cur\"))"
        case .file(let extensions) where extensions.isEmpty:
            return "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))"
        case .file(let extensions):
            let pattern = extensions.count == 1 ? "*.\(extensions[0])" : "*.@(\(extensions.joined(separator: "|")))"
            return "compopt -o filenames -o plusdirs 2>/dev/null; COMPREPLY=($(compgen -f -X '!\(pattern)' -- \"$cur\"))"
        }
    }

    // MARK: zsh

    private static func zsh(_ name: String, _ commands: [(path: [String], command: CLICommand)]) -> String {
        var out = """
        #compdef \(name)
        # zsh completion for \(name); written by `\(name) --generate-completion-script zsh`.
        _\(name)() {
            local sub="" i
            integer depth=0
            # The subcommands typed so far, as /debug/parse-sip (not $path: zsh ties it to $PATH).
            for (( i = 2; i < CURRENT; i++ )); do
                case "${sub}/${words[i]}" in

        """
        let nested = commands.filter { !$0.path.isEmpty }.map { "/" + $0.path.joined(separator: "/") }
        out += "            (\(nested.joined(separator: "|")))) sub=\"${sub}/${words[i]}\"; depth+=1 ;;\n"
        out += "        esac\n    done\n"
        out += "    # The command's own words only, as _arguments expects.\n"
        out += "    (( depth > 0 )) && { shift $depth words; (( CURRENT -= depth )) }\n"
        out += "    case \"${sub}\" in\n"
        for (path, command) in commands {
            var specs: [String] = []
            for option in command.options {
                let help = zshText(option.help)
                let value = option.valueName.map { ":\($0):\(zshValue(option.completion))" } ?? ""
                for spelling in option.names { specs.append("'\(spelling)[\(help)]\(value)'") }
            }
            specs.append("'(- *)'{-h,--help}'[Show help information.]'")
            if !command.subcommands.isEmpty {
                let choices = command.subcommands.map {
                    "\($0.name)\\:\(zshText($0.abstract).replacing(":", with: "\\:").replacing(" ", with: "\\ "))"
                }
                specs.append("'1:subcommand:((\(choices.joined(separator: " "))))'")
            } else {
                for (index, argument) in command.arguments.enumerated() {
                    specs.append("'\(argument.optional ? ":" : "")\(index + 1):\(argument.name):\(zshValue(argument.completion))'")
                }
            }
            let label = path.isEmpty ? "\"\"" : "\"/\(path.joined(separator: "/"))\""
            out += "        \(label)) _arguments -s \\\n            \(specs.joined(separator: " \\\n            ")) ;;\n"
        }
        out += "    esac\n}\n_\(name) \"$@\"\n"
        return out
    }

    /// Help text safe inside a single-quoted `_arguments` spec's brackets.
    private static func zshText(_ text: String) -> String {
        var safe = ""
        for character in text {
            switch character {
            case "'": safe += "'\\''"
            case "[": safe += "("
            case "]": safe += ")"
            default: safe.append(character)
            }
        }
        return safe
    }

    private static func zshValue(_ kind: CLICompletionKind) -> String {
        switch kind {
        case .none: return " "
        case .list(let words): return "(\(shellWords(words)))"
        case .file(let extensions) where extensions.isEmpty: return "_files"
        case .file(let extensions): return "_files -g \"*.(\(extensions.joined(separator: "|")))\""
        }
    }

    // MARK: fish

    private static func fish(_ name: String, _ commands: [(path: [String], command: CLICommand)]) -> String {
        var out = "# fish completion for \(name); written by `\(name) --generate-completion-script fish`.\n"
        out += "complete -c \(name) -f\n"
        for (path, command) in commands {
            // Where the command's own words go: right after its path, before any of its subcommands.
            let condition: String
            if let last = path.last {
                let below = command.subcommands.map(\.name)
                condition = "__fish_seen_subcommand_from \(last)" + (below.isEmpty ? "" : "; and not __fish_seen_subcommand_from \(shellWords(below))")
            } else {
                condition = "__fish_use_subcommand"
            }
            for option in command.options {
                var line = "complete -c \(name) -n '\(condition)'"
                for spelling in option.names {
                    line += spelling.hasPrefix("--") ? " -l \(spelling.dropFirst(2))" : " -s \(spelling.dropFirst())"
                }
                if !option.isFlag { line += fishValue(option.completion) }
                out += line + " -d '\(fishText(option.help))'\n"
            }
            for sub in command.subcommands {
                out += "complete -c \(name) -n '\(condition)' -a \(sub.name) -d '\(fishText(sub.abstract))'\n"
            }
            if let argument = command.arguments.first, argument.completion != .none {
                out += "complete -c \(name) -n '\(condition)'\(fishValue(argument.completion))\n"
            }
        }
        return out
    }

    private static func fishText(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("'", with: "\\'")
    }

    private static func fishValue(_ kind: CLICompletionKind) -> String {
        switch kind {
        case .none: return " -x"
        case .list(let words): return " -x -a '\(shellWords(words))'"
        case .file: return " -r -F"
        }
    }
}
