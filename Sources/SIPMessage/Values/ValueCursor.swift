/// A forward-only reader over the bytes of one header value (or URI).
///
/// Every read advances `pos` by at least one byte or fails, so parsers built on it run
/// in time linear in the input. Offsets in errors are relative to the text handed in.
struct ValueCursor {
    let bytes: [UInt8]
    var pos: Int = 0
    /// Added to every reported offset (a cursor over a slice of a larger value).
    let base: Int

    init(_ text: Substring, base: Int = 0) {
        self.bytes = contiguousBytes(of: text)
        self.base = base
    }

    var atEnd: Bool { pos >= bytes.count }
    var offset: Int { base + pos }

    func peek(_ ahead: Int = 0) -> UInt8? {
        let i = pos + ahead
        return i < bytes.count ? bytes[i] : nil
    }

    func peek(is c: Unicode.Scalar) -> Bool { peek() == UInt8(truncatingIfNeeded: c.value) }

    /// Consumes `c` if it comes next.
    mutating func take(_ c: Unicode.Scalar) -> Bool {
        guard peek() == UInt8(truncatingIfNeeded: c.value) else { return false }
        pos += 1
        return true
    }

    func error(_ reason: String, kind: SIPParseError.Kind = .malformedValue, at: Int? = nil) -> SIPParseError {
        SIPParseError(kind, at: base + (at ?? pos), reason)
    }

    mutating func expect(_ c: Unicode.Scalar, _ reason: String) throws(SIPParseError) {
        guard take(c) else { throw error(reason) }
    }

    func expectEnd(_ what: String) throws(SIPParseError) {
        guard atEnd else { throw error("unexpected text after \(what)") }
    }

    /// Skips linear white space (folding already undone: CR/LF are tolerated as space).
    mutating func skipSpace() {
        while let b = peek(), ValueChars.isWhitespace(b) { pos += 1 }
    }

    /// Skips space, then takes the separator `c` and the space after it (`SEMI`, `EQUAL`…).
    mutating func takeSeparator(_ c: Unicode.Scalar) -> Bool {
        let save = pos
        skipSpace()
        if take(c) { skipSpace(); return true }
        pos = save
        return false
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Text kept as received, with any CR or LF (left-over folding) turned into a space
    /// so that it can never end a header line when written out again.
    func plainText(_ range: Range<Int>) -> String {
        let slice = bytes[range]
        guard slice.contains(where: { $0 == 0x0D || $0 == 0x0A }) else { return string(range) }
        return String(decoding: slice.map { $0 == 0x0D || $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
    }

    /// Reads bytes while `accept` holds.
    mutating func span(while accept: (UInt8) -> Bool) -> Range<Int> {
        let start = pos
        while let b = peek(), accept(b) { pos += 1 }
        return start..<pos
    }

    /// Reads a `token`, or fails naming what was expected.
    mutating func token(_ what: String) throws(SIPParseError) -> String {
        let r = span(while: ValueChars.isToken)
        guard !r.isEmpty else { throw error("expected \(what)") }
        return string(r)
    }

    /// Reads 1*DIGIT as a number no greater than `max`.
    mutating func number(_ what: String, max: UInt64) throws(SIPParseError) -> UInt64 {
        let start = pos
        var value: UInt64 = 0
        while let b = peek(), ValueChars.isDigit(b) {
            value = value * 10 + UInt64(b - 0x30)
            if value > max { throw error("\(what) is larger than \(max)", at: start) }
            pos += 1
        }
        guard pos > start else { throw error("expected \(what)") }
        return value
    }

    /// Reads a `quoted-string` (the opening quote next) and returns it unescaped.
    mutating func quotedString() throws(SIPParseError) -> String {
        let start = pos
        try expect("\"", "expected a quoted string")
        // Runs of plain text are copied whole; `out` is only built once an escape or a
        // left-over CR/LF forces a change.
        var out: [UInt8]?
        var run = pos
        while let b = peek() {
            switch b {
            case UInt8(ascii: "\""):
                let text: String?
                if var o = out {
                    o.append(contentsOf: bytes[run..<pos])
                    text = String(validating: o, as: UTF8.self)
                } else {
                    text = String(validating: bytes[run..<pos], as: UTF8.self)
                }
                pos += 1
                guard let text else {
                    throw error("quoted string is not valid UTF-8", kind: .invalidEncoding, at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                guard let next = peek(1), next <= 0x7F, next != 0x0A, next != 0x0D else {
                    throw error("bad escape in quoted string", at: pos + 1)
                }
                out = (out ?? []) + bytes[run..<pos] + [next]
                pos += 2
                run = pos
            case 0x0D, 0x0A:
                out = (out ?? []) + bytes[run..<pos]  // left-over folding: dropped
                pos += 1
                run = pos
            case 0x00...0x08, 0x0B...0x1F, 0x7F:
                throw error("control character in quoted string")
            default:
                pos += 1
            }
        }
        throw error("unterminated quoted string", kind: .truncated, at: start)
    }

    /// Reads a `comment` (the opening parenthesis next), nesting included, and returns its
    /// text without the outer parentheses. Nesting depth is bounded.
    mutating func comment() throws(SIPParseError) -> String {
        let start = pos
        try expect("(", "expected a comment")
        var depth = 1
        let inner = pos
        while let b = peek() {
            pos += 1
            switch b {
            case UInt8(ascii: "\\"):
                guard peek() != nil else { break }
                pos += 1
            case UInt8(ascii: "("):
                depth += 1
                if depth > 32 { throw error("comment nested too deeply", at: pos - 1) }
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 {
                    // CR and LF (left-over folding) read as spaces, as in `plainText`.
                    let text = bytes[inner..<(pos - 1)].map { $0 == 0x0D || $0 == 0x0A ? 0x20 : $0 }
                    guard let s = String(validating: text, as: UTF8.self) else {
                        throw error("comment is not valid UTF-8", kind: .invalidEncoding, at: start)
                    }
                    return s
                }
            default: break
            }
        }
        throw error("unterminated comment", kind: .truncated, at: start)
    }
}

/// Quotes `text` as a `quoted-string`, escaping `"`, `\` and control characters (CR and
/// LF cannot be carried at all and become spaces).
func quoteString(_ text: String) -> String {
    var out = "\""
    for ch in text.unicodeScalars {
        switch ch.value {
        case 0x0D, 0x0A: out.append(" "); continue
        case 0x22, 0x5C, 0x00...0x08, 0x0B...0x1F, 0x7F: out.append("\\")
        default: break
        }
        out.unicodeScalars.append(ch)
    }
    out.append("\"")
    return out
}

/// The UTF-8 bytes of `text`, copied in one block when the storage allows it (a plain
/// `Array(substring.utf8)` walks byte by byte).
func contiguousBytes(of text: Substring) -> [UInt8] {
    text.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(text.utf8)
}
