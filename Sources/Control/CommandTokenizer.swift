/// Splits one command line into words, the way a shell user expects: words are separated by
/// spaces or tabs; `"…"` and `'…'` quote a word holding spaces (inside `"…"`, `\"` and `\\`
/// stand for `"` and `\`; `'…'` is literal); a `#` that starts an unquoted word begins a comment
/// running to the end of the line. Quotes may join parts of one word (`a"b c"` is `ab c`), and
/// `""` is an empty word.
enum CommandTokenizer {
    /// Longest line accepted, in UTF-8 bytes; a command line is a few dozen.
    static let maxLineBytes = 4096

    static func words(_ line: String) throws(CommandError) -> [String] {
        var line = Substring(line)
        // A line read with its terminator, or from a CRLF file.
        while let last = line.last, last == "\n" || last == "\r" || last == "\r\n" { line = line.dropLast() }
        let bytes = line.utf8.count
        guard bytes <= maxLineBytes else { throw .lineTooLong(bytes: bytes, limit: maxLineBytes) }

        var words: [String] = []
        var word = ""
        var inWord = false            // true once a character or a quote belongs to `word`
        var quote: Unicode.Scalar?    // the open quote character, if any
        var escaping = false          // a backslash inside "…" was just read

        for scalar in line.unicodeScalars {
            if isForbiddenControl(scalar) { throw .controlCharacter(scalar) }
            if let open = quote {
                if escaping {
                    escaping = false
                    if scalar != "\"" && scalar != "\\" { word.unicodeScalars.append("\\") }
                    word.unicodeScalars.append(scalar)
                } else if scalar == open {
                    quote = nil
                } else if open == "\"" && scalar == "\\" {
                    escaping = true
                } else {
                    word.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case " ", "\t":
                if inWord { words.append(word); word = ""; inWord = false }
            case "\"", "'":
                quote = scalar
                inWord = true
            case "#" where !inWord:
                return try finish(words, word, inWord, quote: nil)
            default:
                word.unicodeScalars.append(scalar)
                inWord = true
            }
        }
        return try finish(words, word, inWord, quote: quote)
    }

    private static func finish(_ words: [String], _ word: String, _ inWord: Bool,
                               quote: Unicode.Scalar?) throws(CommandError) -> [String] {
        if let quote { throw .unterminatedQuote(Character(quote)) }
        return inWord ? words + [word] : words
    }

    /// C0 controls other than tab, DEL and C1 controls: nothing a person types, and echoing
    /// them in an error message could drive the terminal.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09) || (0x7F...0x9F).contains(v)
    }
}
