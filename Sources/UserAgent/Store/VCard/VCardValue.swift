/// Value decoding: escapes (RFC 6350 §3.4) and structured values.
enum VCardValue {
    /// The components of a structured value (N, ADR): split on unescaped `;`, then
    /// unescaped: `\\` `\,` `\;` `\:` and `\n`/`\N` (newline).
    static func components(_ raw: String) -> [String] {
        var components: [String] = []
        var current = ""
        var escaping = false
        for character in raw {
            if escaping {
                switch character {
                case "n", "N": current.append("\n")
                default: current.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == ";" {
                components.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaping { current.append("\\") }
        components.append(current)
        return components
    }

    /// The unescaped text of a value that is not structured (`;` stays literal).
    static func text(_ raw: String) -> String {
        components(raw).joined(separator: ";")
    }

    /// Decodes quoted-printable (vCard 2.1 `ENCODING=QUOTED-PRINTABLE`); bad escapes are
    /// kept as they are.
    static func quotedPrintable(_ raw: String) -> [UInt8] {
        let bytes = Array(raw.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "="), let high = hexValue(bytes, index + 1), let low = hexValue(bytes, index + 2) {
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(byte)
                index += 1
            }
        }
        return result
    }

    private static func hexValue(_ bytes: [UInt8], _ index: Int) -> UInt8? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return bytes[index] - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return bytes[index] - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return bytes[index] - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}

// Named for vCard so they cannot clash with helpers elsewhere in the module.
extension StringProtocol {
    func vCardTrimmed() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }

    func vCardUnquoted() -> String {
        guard count >= 2, first == "\"", last == "\"" else { return String(self) }
        return String(dropFirst().dropLast())
    }
}
