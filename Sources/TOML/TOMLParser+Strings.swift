/// Basic, literal and multi-line strings (TOML 1.0 §String).
extension TOMLParser {
    /// `"…"` with escapes; the cursor is on the opening quote.
    mutating func parseBasicString() throws(TOMLError) -> String {
        advance()
        var out: [UInt8] = []
        while true {
            guard let b = peek() else { throw error("unterminated string") }
            switch b {
            case .quote:
                advance()
                return String(decoding: out, as: UTF8.self)
            case .backslash:
                try parseEscape(into: &out)
            case .lf, .cr:
                throw error("a single-line string cannot span lines (use \"\"\" for a multi-line string)")
            default:
                if b.isForbiddenControl { throw error("control character U+\(hex(b)) in a string must be escaped") }
                out.append(b)
                advance()
            }
        }
    }

    /// `'…'`, taken as written.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        advance()
        let begin = offset
        while true {
            guard let b = peek() else { throw error("unterminated string") }
            switch b {
            case .apostrophe:
                let text = String(decoding: bytes[begin..<offset], as: UTF8.self)
                advance()
                return text
            case .lf, .cr:
                throw error("a single-line string cannot span lines (use ''' for a multi-line string)")
            default:
                if b.isForbiddenControl { throw error("control character U+\(hex(b)) in a string") }
                advance()
            }
        }
    }

    /// `"""…"""` or `'''…'''`; the cursor is on the first of the three delimiters. A line
    /// end right after the opening delimiter is dropped; CRLF becomes LF.
    mutating func parseMultilineString(literal: Bool) throws(TOMLError) -> String {
        let delimiter: UInt8 = literal ? .apostrophe : .quote
        advance(3)
        if peek() == .lf {
            advance()
        } else if peek() == .cr, peek(1) == .lf {
            advance(2)
        }
        var out: [UInt8] = []
        while true {
            guard let b = peek() else { throw error("unterminated multi-line string") }
            switch b {
            case delimiter:
                let runStart = position
                var run = 0
                while peek() == delimiter { run += 1; advance() }
                if run >= 3 {
                    // Up to two delimiter characters may end the content right before the closing three.
                    guard run <= 5 else { throw TOMLError("too many \(literal ? "'" : "\"") at the end of a multi-line string", at: runStart) }
                    out.append(contentsOf: repeatElement(delimiter, count: run - 3))
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(contentsOf: repeatElement(delimiter, count: run))
            case .backslash where !literal:
                if isLineEndingBackslash() {
                    advance()
                    while let c = peek(), c == .space || c == .tab || c == .lf || (c == .cr && peek(1) == .lf) {
                        advance(c == .cr ? 2 : 1)
                    }
                } else {
                    try parseEscape(into: &out)
                }
            case .lf:
                out.append(.lf)
                advance()
            case .cr:
                guard peek(1) == .lf else { throw error("a carriage return must be followed by a line feed") }
                out.append(.lf)
                advance(2)
            default:
                if b.isForbiddenControl { throw error("control character U+\(hex(b)) in a string\(literal ? "" : " must be escaped")") }
                out.append(b)
                advance()
            }
        }
    }

    /// A backslash followed by optional spaces and a line end: the line is continued.
    private func isLineEndingBackslash() -> Bool {
        var i = 1
        while let c = peek(i), c == .space || c == .tab { i += 1 }
        return peek(i) == .lf || (peek(i) == .cr && peek(i + 1) == .lf)
    }

    /// One escape sequence; the cursor is on the backslash.
    mutating func parseEscape(into out: inout [UInt8]) throws(TOMLError) {
        let start = position
        advance()
        guard let c = peek() else { throw error("unterminated string") }
        let simple: UInt8?
        switch c {
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "r"): simple = 0x0D
        case .quote: simple = .quote
        case .backslash: simple = .backslash
        case UInt8(ascii: "u"), UInt8(ascii: "U"): simple = nil
        default: throw TOMLError("invalid escape sequence \\\(describe(c).trimmingBackticks)", at: start)
        }
        advance()
        if let simple {
            out.append(simple)
            return
        }
        let length = c == UInt8(ascii: "u") ? 4 : 8
        var value: UInt32 = 0
        for _ in 0..<length {
            guard let h = peek(), h.isHexDigit else {
                throw TOMLError("\\\(c == UInt8(ascii: "u") ? "u" : "U") needs exactly \(length) hex digits", at: start)
            }
            value = value << 4 | UInt32(h.hexValue)
            advance()
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw TOMLError("escape \\\(c == UInt8(ascii: "u") ? "u" : "U") names no Unicode scalar value (surrogate or above U+10FFFF)", at: start)
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}

extension UInt8 {
    var hexValue: UInt8 {
        switch self {
        case 0x30...0x39: self - 0x30
        case 0x41...0x46: self - 0x41 + 10
        default: (self &- 0x61) &+ 10
        }
    }
}

extension String {
    var trimmingBackticks: String { filter { $0 != "`" } }
}
