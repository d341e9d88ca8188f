/// Writes values back as TOML: the root as `key = value` lines, everything below it in
/// inline form. The output parses back to an equal table (the fuzz target checks this).
enum TOMLSerializer {
    static func document(_ table: TOMLTable) -> String {
        var out = ""
        for entry in table.entries {
            out += key(entry.key) + " = " + inline(entry.value) + "\n"
        }
        return out
    }

    static func inline(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): return quoted(s)
        case .integer(let i): return String(i)
        case .float(let d):
            if d.isNaN { return "nan" }
            if d.isInfinite { return d < 0 ? "-inf" : "inf" }
            return d.description
        case .boolean(let b): return b ? "true" : "false"
        case .dateTime(let d): return d.text
        case .array(let a): return "[" + a.elements.map { inline($0.value) }.joined(separator: ", ") + "]"
        case .table(let t):
            if t.isEmpty { return "{}" }
            return "{ " + t.entries.map { key($0.key) + " = " + inline($0.value) }.joined(separator: ", ") + " }"
        }
    }

    static func key(_ k: String) -> String {
        !k.isEmpty && k.utf8.allSatisfy(\.isBareKeyByte) ? k : quoted(k)
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension TOMLTable {
    /// The table as a TOML document that parses back equal (positions aside).
    public func serialized() -> String { TOMLSerializer.document(self) }
}
