extension SIPHeaders {
    /// Splits a header value at top-level commas with the value layer's rules (not inside
    /// quoted strings, `<…>`, `[…]` or comments). Elements are trimmed; empty ones dropped.
    /// Unlike the value parsers this never fails: a value with an unterminated quote is
    /// returned whole, for the typed parser to report.
    static func splitList(_ value: String) -> [Substring] {
        let text = value[...]
        guard let ranges = try? SIPValueList.elementRanges(of: text) else {
            let trimmed = text.drop { WireByte.isWSP($0.asciiValue ?? 0) }
            return trimmed.isEmpty ? [] : [trimmed]
        }
        // Ranges ascend, so walking forward from the previous one keeps this linear.
        let utf8 = text.utf8
        var index = utf8.startIndex, offset = 0
        return ranges.map { range in
            let start = utf8.index(index, offsetBy: range.lowerBound - offset)
            index = utf8.index(start, offsetBy: range.count)
            offset = range.upperBound
            return text[start..<index]
        }
    }
}
