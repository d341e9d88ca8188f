/// One content line of a vCard: `[group.]NAME *(;param) : value` (RFC 6350 §3.3).
struct VCardProperty: Equatable {
    /// Uppercased, group removed.
    var name: String
    /// Parameter names uppercased; a vCard 2.1 bare parameter (`TEL;CELL:`) is a TYPE.
    var parameters: [(name: String, values: [String])]
    /// The raw value, escapes still in it.
    var value: String

    static func == (lhs: VCardProperty, rhs: VCardProperty) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value
            && lhs.parameters.map(\.name) == rhs.parameters.map(\.name)
            && lhs.parameters.map(\.values) == rhs.parameters.map(\.values)
    }

    /// All values of parameter `name` (case-insensitive), lowercased.
    func parameter(_ name: String) -> [String] {
        parameters.filter { $0.name == name }.flatMap { $0.values.map { $0.lowercased() } }
    }

    /// Parses a content line; nil when it has no ":" or no name.
    static func parse(_ line: String) -> VCardProperty? {
        let fields = split(line, separators: [";", ":"], stopAt: ":")
        guard let colon = fields.stop else { return nil }
        var parts = fields.parts
        guard !parts.isEmpty else { return nil }
        var name = parts.removeFirst()
        if let dot = name.lastIndex(of: ".") { name = String(name[name.index(after: dot)...]) }
        name = name.vCardTrimmed().uppercased()
        guard !name.isEmpty else { return nil }
        let parameters = parts.compactMap { raw -> (name: String, values: [String])? in
            let part = raw.vCardTrimmed()
            guard !part.isEmpty else { return nil }
            guard let equals = part.firstIndex(of: "=") else {
                return ("TYPE", [part])
            }
            let key = String(part[..<equals]).vCardTrimmed().uppercased()
            let values = split(String(part[part.index(after: equals)...]), separators: [","],
                               stopAt: nil).parts.map { $0.vCardTrimmed().vCardUnquoted() }
            return (key, values)
        }
        return VCardProperty(name: name, parameters: parameters,
                             value: String(line[line.index(after: colon)...]))
    }

    /// Splits on unquoted separators until the unquoted `stopAt` character.
    private static func split(_ text: String, separators: Set<Character>,
                              stopAt: Character?) -> (parts: [String], stop: String.Index?) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" {
                quoted.toggle()
                current.append(character)
            } else if !quoted, character == stopAt {
                parts.append(current)
                return (parts, index)
            } else if !quoted, separators.contains(character) {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
            index = text.index(after: index)
        }
        parts.append(current)
        return (parts, nil)
    }
}
