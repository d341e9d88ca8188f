/// Values: strings, booleans, arrays, inline tables; numbers and date-times are scanned
/// as one token and told apart in `TOMLParser+Numbers.swift`.
extension TOMLParser {
    /// A value that will sit `depth` containers below the root.
    mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLValue {
        guard let b = peek() else { throw error("expected a value, found end of file") }
        switch b {
        case .quote:
            if peek(1) == .quote && peek(2) == .quote { return .string(try parseMultilineString(literal: false)) }
            return .string(try parseBasicString())
        case .apostrophe:
            if peek(1) == .apostrophe && peek(2) == .apostrophe { return .string(try parseMultilineString(literal: true)) }
            return .string(try parseLiteralString())
        case UInt8(ascii: "t"):
            return .boolean(try parseWord("true", value: true))
        case UInt8(ascii: "f"):
            return .boolean(try parseWord("false", value: false))
        case .openBracket:
            return .array(try parseArray(depth: depth))
        case .openBrace:
            return .table(try parseInlineTable(depth: depth))
        case _ where b.isDigit || b == .plus || b == .minus || b == UInt8(ascii: "i") || b == UInt8(ascii: "n"):
            return try parseNumberOrDateTime()
        case _ where b.isLetter:
            throw error("expected a value, found \(describe(b)) (strings need quotes; true and false are lower case)")
        default:
            throw error("expected a value, found \(describe(b))")
        }
    }

    private mutating func parseWord(_ word: String, value: Bool) throws(TOMLError) -> Bool {
        let utf8 = Array(word.utf8)
        guard offset + utf8.count <= bytes.count, Array(bytes[offset..<offset + utf8.count]) == utf8,
              !(peek(utf8.count)?.isBareKeyByte ?? false) else {
            throw error("expected a value (true and false are lower case; strings need quotes)")
        }
        advance(utf8.count)
        return value
    }

    /// `[ … ]`: any values, commas between, a trailing comma allowed, line ends and comments
    /// anywhere between elements.
    private mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLArray {
        guard depth <= Self.maxDepth else { throw error("arrays and tables nested more than \(Self.maxDepth) deep") }
        var array = TOMLArray(position: position)
        advance()
        while true {
            try skipBlank()
            if peek() == .closeBracket { advance(); return array }
            let start = position
            array.elements.append(TOMLArray.Element(value: try parseValue(depth: depth + 1), position: start))
            try skipBlank()
            switch peek() {
            case .comma: advance()
            case .closeBracket: advance(); return array
            case let b: throw error("expected `,` or `]` in the array, found \(describe(b))")
            }
        }
    }

    /// Spaces, line ends and comments (inside arrays).
    private mutating func skipBlank() throws(TOMLError) {
        while true {
            skipSpaces()
            try skipComment()
            switch peek() {
            case .lf: advance()
            case .cr:
                guard peek(1) == .lf else { throw error("a carriage return must be followed by a line feed") }
                advance(2)
            default: return
            }
        }
    }

    /// `{ k = v, … }` on one line, no trailing comma; finished (closed to extension) at `}`.
    private mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLTable {
        guard depth <= Self.maxDepth else { throw error("arrays and tables nested more than \(Self.maxDepth) deep") }
        let node = try tree.newNode(.dotted, at: position, depth: depth)
        advance()
        skipSpaces()
        if peek() == .closeBrace {
            advance()
            return tree.build(node)
        }
        while true {
            try parseKeyValue(into: node)
            skipSpaces()
            switch peek() {
            case .comma:
                advance()
                skipSpaces()
                if peek() == .closeBrace { throw error("no trailing comma allowed in an inline table") }
            case .closeBrace:
                advance()
                return tree.build(node)
            case .lf, .cr:
                throw error("an inline table must be on one line")
            case let b:
                throw error("expected `,` or `}` in the inline table, found \(describe(b))")
            }
        }
    }
}
