/// A typed header value (or URI) with a text parser and a canonical serialization.
///
/// `parse` never traps: it returns the value or throws a `SIPParseError` whose offset
/// is relative to the text handed in. `description` parses back to an equal value.
public protocol SIPValueParsable: Sendable, Equatable, CustomStringConvertible {
    /// Parses one value (one element of a comma-separated list header).
    static func parse(_ text: Substring) throws(SIPParseError) -> Self
}

extension SIPValueParsable {
    /// Parses one value from a `String`.
    public static func parse(_ text: String) throws(SIPParseError) -> Self {
        try parse(text[...])
    }

    /// Parses every element of a comma-separated list header value (`Via`, `Contact`,
    /// `Allow` …); offsets in errors are relative to the whole `text`.
    public static func parseList(_ text: Substring) throws(SIPParseError) -> [Self] {
        var out: [Self] = []
        for range in try SIPValueList.elementRanges(of: text) {
            let start = text.utf8.index(text.startIndex, offsetBy: range.lowerBound)
            let end = text.utf8.index(text.startIndex, offsetBy: range.upperBound)
            do {
                out.append(try parse(text[start..<end]))
            } catch {
                throw error.shifted(by: range.lowerBound)
            }
        }
        return out
    }

    /// Parses every element of a comma-separated list header value.
    public static func parseList(_ text: String) throws(SIPParseError) -> [Self] {
        try parseList(text[...])
    }
}

/// Splits list header values at the commas that separate elements.
public enum SIPValueList {
    /// Byte ranges of the elements of `text`, trimmed of surrounding white space. Commas
    /// inside quoted strings, `<…>`, `[…]` and comments do not split. Empty elements are
    /// skipped (RFC 7230 §7 list leniency); an unterminated quote is an error.
    public static func elementRanges(of text: Substring) throws(SIPParseError) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        var start = 0
        var i = 0
        var inQuote = false, inAngle = false, depth = 0
        func flush(_ end: Int) {
            var a = start, b = end
            while a < b, ValueChars.isWhitespace(bytes[a]) { a += 1 }
            while b > a, ValueChars.isWhitespace(bytes[b - 1]) { b -= 1 }
            if a < b { ranges.append(a..<b) }
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuote {
                if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { inQuote = false }
            } else {
                switch b {
                case UInt8(ascii: "\""): inQuote = true
                case UInt8(ascii: "<"): inAngle = true
                case UInt8(ascii: ">"): inAngle = false
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"): depth = max(0, depth - 1)
                case UInt8(ascii: ","):
                    if !inAngle && depth == 0 { flush(i); start = i + 1 }
                default: break
                }
            }
            i += 1
        }
        if inQuote { throw SIPParseError(.truncated, at: bytes.count, "unterminated quoted string") }
        flush(bytes.count)
        return ranges
    }
}
