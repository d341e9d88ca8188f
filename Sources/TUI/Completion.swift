import Control

/// Tab completion of the input line: command verbs after `:`, then contact names and
/// recent numbers (for `:call` and for dialling).
public enum Completion {
    /// The candidates for the last word of `line` (which starts with `:` in command mode).
    public static func candidates(for line: String, contacts: [String], recent: [String]) -> [String] {
        let commandLine = line.hasPrefix(":")
        let body = commandLine ? String(line.dropFirst()) : line
        let words = body.split(separator: " ", omittingEmptySubsequences: false)
        let word = String(words.last ?? "")
        let pool: [String]
        if commandLine && words.count <= 1 {
            pool = CommandVerb.allCases.flatMap { [$0.rawValue] + $0.aliases }.filter { $0.count > 1 } + ["account", "history"]
        } else if commandLine {
            if words.count == 2, words.first?.lowercased() == "account" { return "add".hasPrefix(word.lowercased()) && word != "add" ? ["add"] : [] }
            let verb = CommandVerb(word: String(words.first ?? ""))
            guard verb == .call, words.count == 2 else { return [] }
            pool = contacts + recent
        } else {
            // Dialling: the whole line is the target, so a name may hold spaces.
            return unique((contacts + recent).filter { $0.lowercased().hasPrefix(body.lowercased()) && $0 != body })
        }
        return unique(pool.filter { $0.lowercased().hasPrefix(word.lowercased()) && $0 != word })
    }

    /// The line after Tab: the one candidate (with a space after a verb), or the longest
    /// prefix the candidates share. Nil when Tab changes nothing.
    public static func complete(_ line: String, contacts: [String], recent: [String]) -> (line: String, choices: [String])? {
        let found = candidates(for: line, contacts: contacts, recent: recent)
        guard !found.isEmpty else { return nil }
        let commandLine = line.hasPrefix(":")
        let head: String
        let word: String
        if commandLine {
            let lastSpace = line.lastIndex(of: " ")
            head = lastSpace.map { String(line[...$0]) } ?? ":"
            word = lastSpace.map { String(line[line.index(after: $0)...]) } ?? String(line.dropFirst())
        } else {
            head = ""
            word = line
        }
        if found.count == 1, let only = found.first {
            let isVerb = commandLine && !head.contains(" ")
            return (head + only + (isVerb ? " " : ""), [])
        }
        let shared = commonPrefix(found)
        let extended = shared.count > word.count ? head + shared : line
        return (extended, found)
    }

    private static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            let characters = Array(word)
            var count = 0
            while count < prefix.count, count < characters.count,
                  prefix[count].lowercased() == characters[count].lowercased() { count += 1 }
            prefix = Array(prefix.prefix(count))
        }
        return String(prefix)
    }

    private static func unique(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }
}
