/// A recursive-descent TOML 1.0 reader over UTF-8 bytes. Each byte is looked at a bounded
/// number of times (linear time); containers nest at most `maxDepth` deep, so recursion
/// is bounded; every failure is a `TOMLError` with the position of the offending byte.
struct TOMLParser {
    static let maxDepth = 64
    /// Larger documents are refused before parsing (a configuration file is a few KiB).
    static let maxBytes = 8 << 20

    let bytes: [UInt8]
    var offset = 0
    var line = 1
    var column = 1
    var tree = TOMLTree()

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var position: TOMLPosition { TOMLPosition(line: line, column: column) }

    func peek(_ ahead: Int = 0) -> UInt8? {
        let i = offset + ahead
        return i < bytes.count ? bytes[i] : nil
    }

    /// Moves past one byte, keeping line and column (columns count scalars: only lead bytes).
    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where offset < bytes.count {
            let b = bytes[offset]
            offset += 1
            if b == .lf {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
    }

    func error(_ message: String) -> TOMLError { TOMLError(message, at: position) }

    /// A byte as users should read it in a message.
    func describe(_ b: UInt8?) -> String {
        guard let b else { return "end of file" }
        switch b {
        case .lf, .cr: return "end of line"
        case 0x20..<0x7F: return "`\(Character(Unicode.Scalar(b)))`"
        default: return b < 0x80 ? "control character U+\(hex(b))" : "a non-ASCII character"
        }
    }

    func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "00" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0xF)])
    }

    // MARK: Document

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        guard bytes.count <= Self.maxBytes else {
            throw TOMLError("document larger than \(Self.maxBytes >> 20) MiB", at: .start)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        var current = 0
        while true {
            skipSpaces()
            guard let b = peek() else { break }
            switch b {
            case .hash, .lf, .cr:
                break
            case .openBracket:
                current = try parseHeader()
            default:
                try parseKeyValue(into: current)
            }
            skipSpaces()
            try skipComment()
            try expectLineEnd()
        }
        return tree.build(0)
    }

    mutating func skipSpaces() {
        while let b = peek(), b == .space || b == .tab { advance() }
    }

    /// A `#` comment up to (not including) the line end; control characters are refused.
    mutating func skipComment() throws(TOMLError) {
        guard peek() == .hash else { return }
        advance()
        while let b = peek(), b != .lf, b != .cr {
            if b.isForbiddenControl { throw error("control character U+\(hex(b)) in a comment") }
            advance()
        }
    }

    /// Consumes LF or CRLF; end of file is a line end too.
    mutating func expectLineEnd() throws(TOMLError) {
        switch peek() {
        case nil: return
        case .lf: advance()
        case .cr:
            guard peek(1) == .lf else { throw error("a carriage return must be followed by a line feed") }
            advance(2)
        case let b: throw error("expected the end of the line, found \(describe(b))")
        }
    }

    /// `[a.b]` or `[[a.b]]`; returns the table the following lines fill.
    mutating func parseHeader() throws(TOMLError) -> Int {
        let start = position
        advance()
        let isArray = peek() == .openBracket
        if isArray { advance() }
        let key = try parseKey()
        guard peek() == .closeBracket else { throw error("expected `]` after the table name, found \(describe(peek()))") }
        advance()
        if isArray {
            guard peek() == .closeBracket else { throw error("expected `]]` to close the array-of-tables header") }
            advance()
        }
        return try tree.open(key, array: isArray, at: start)
    }

    /// `key = value` into `table` (a header's table, or an inline table being built).
    mutating func parseKeyValue(into table: Int) throws(TOMLError) {
        let key = try parseKey()
        guard peek() == .equals else { throw error("expected `=` after the key, found \(describe(peek()))") }
        advance()
        skipSpaces()
        let target = try tree.descend(key.dropLast(), from: table)
        guard let last = key.last else { throw error("expected a key") }
        if let existing = tree.lookup(target, last.name) {
            throw TOMLError("duplicate key `\(last.name)` (first defined at line \(existing.keyPosition.line))", at: last.position)
        }
        let valuePosition = position
        let value = try parseValue(depth: tree.nodes[target].depth + 1)
        tree.add(TOMLTree.Entry(key: last.name, keyPosition: last.position, position: valuePosition, slot: .value(value)), to: target)
    }

    // MARK: Keys

    /// A simple or dotted key, with the spaces around it and its dots.
    mutating func parseKey() throws(TOMLError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            skipSpaces()
            guard parts.count <= Self.maxDepth else { throw error("key has more than \(Self.maxDepth) parts") }
            parts.append(try parseSimpleKey())
            skipSpaces()
            guard peek() == .dot else { return parts }
            advance()
        }
    }

    mutating func parseSimpleKey() throws(TOMLError) -> KeyPart {
        let start = position
        switch peek() {
        case .quote:
            if peek(1) == .quote && peek(2) == .quote { throw error("a key cannot be a multi-line string") }
            return KeyPart(name: try parseBasicString(), position: start)
        case .apostrophe:
            if peek(1) == .apostrophe && peek(2) == .apostrophe { throw error("a key cannot be a multi-line string") }
            return KeyPart(name: try parseLiteralString(), position: start)
        default:
            let begin = offset
            while let b = peek(), b.isBareKeyByte { advance() }
            guard offset > begin else { throw error("expected a key, found \(describe(peek()))") }
            return KeyPart(name: String(decoding: bytes[begin..<offset], as: UTF8.self), position: start)
        }
    }
}

extension UInt8 {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let apostrophe: UInt8 = 0x27
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let equals: UInt8 = 0x3D
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D

    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHexDigit: Bool { isDigit || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66) }
    var isLetter: Bool { (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) }
    var isBareKeyByte: Bool { isLetter || isDigit || self == .minus || self == .underscore }
    /// Control characters TOML forbids in comments and strings (tab is allowed).
    var isForbiddenControl: Bool { (self < 0x20 && self != .tab) || self == 0x7F }
}
