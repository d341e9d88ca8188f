/// Splits the text of `pipit -e "CMD; CMD"` into command lines: at `;` and line breaks that
/// are outside quotes, with the tokenizer's quoting rules (`"…"` with `\"` and `\\`, `'…'`
/// literal), so `message 1 "a; b"` stays one command. Blank pieces are dropped; an
/// unterminated quote keeps the rest as one line, for the parser to refuse.
public enum CommandSplitter {
    public static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var quote: Character?
        var escaping = false
        for character in text {
            if let open = quote {
                current.append(character)
                if escaping {
                    escaping = false
                } else if character == open {
                    quote = nil
                } else if open == "\"" && character == "\\" {
                    escaping = true
                }
                continue
            }
            switch character {
            case ";", "\n", "\r\n", "\r":
                lines.append(current)
                current = ""
            case "\"", "'":
                quote = character
                current.append(character)
            default:
                current.append(character)
            }
        }
        lines.append(current)
        return lines.compactMap { line in
            let trimmed = line.trimmingSpaces
            return trimmed.isEmpty ? nil : trimmed
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
