extension SIPHeaders {
    /// Splits a header value at top-level commas: not inside a quoted string (where a
    /// backslash escapes the next character) and not inside `<…>`. Elements are trimmed of
    /// whitespace; empty ones are dropped. Linear in the value's length.
    static func splitList(_ value: String) -> [Substring] {
        var out: [Substring] = []
        let utf8 = value.utf8
        var inQuotes = false
        var inAngle = false
        var escaped = false
        var elementStart = utf8.startIndex
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let c = utf8[i]
            if inQuotes {
                if escaped {
                    escaped = false
                } else if c == WireByte.backslash {
                    escaped = true
                } else if c == WireByte.dquote {
                    inQuotes = false
                }
            } else if inAngle {
                if c == WireByte.gt { inAngle = false }
            } else if c == WireByte.dquote {
                inQuotes = true
            } else if c == WireByte.lt {
                inAngle = true
            } else if c == WireByte.comma {
                appendTrimmed(value[elementStart..<i], to: &out)
                elementStart = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        appendTrimmed(value[elementStart..<utf8.endIndex], to: &out)
        return out
    }

    private static func appendTrimmed(_ s: Substring, to out: inout [Substring]) {
        let utf8 = s.utf8
        var lo = utf8.startIndex
        var hi = utf8.endIndex
        while lo != hi, WireByte.isWSP(utf8[lo]) { lo = utf8.index(after: lo) }
        while hi != lo, WireByte.isWSP(utf8[utf8.index(before: hi)]) { hi = utf8.index(before: hi) }
        if lo != hi { out.append(s[lo..<hi]) }
    }
}
