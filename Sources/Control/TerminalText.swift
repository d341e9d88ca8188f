/// Makes text from the network safe to print as one line on a terminal: a display name or a
/// message can hold newlines (which would forge extra event lines), escape sequences (which
/// drive the terminal) or bidi overrides (which make text read differently from what it is).
enum TerminalText {
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { out.append(scalar); continue }
            switch scalar {
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            default: out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            }
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false                              // a tab is harmless
        case 0x00...0x1F, 0x7F...0x9F: true           // C0, DEL, C1 (CSI, OSC …)
        case 0x2028, 0x2029: true                     // line and paragraph separators
        case 0x202A...0x202E, 0x2066...0x2069: true   // bidi embeddings, overrides, isolates
        default: false
        }
    }
}
