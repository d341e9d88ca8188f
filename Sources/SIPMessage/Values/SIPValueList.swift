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
