/// Reads header fields (RFC 3261 §7.3) from raw bytes in one forward pass.
///
/// Shared by the message parser and the multipart parser. Lines end in CRLF; a bare LF is
/// also accepted as a line end (the liberal reading most stacks apply), but a CR not
/// followed by LF is refused. A line starting with SP or HTAB continues the previous field.
enum HeaderScanner {
    /// Scans fields from `start` up to and including the empty line that ends them.
    /// Returns the fields and the index just past the empty line.
    ///
    /// - Parameter base: added to every offset in errors and fields' `offset`, for callers
    ///   that scan a part of a larger buffer.
    static func scan(
        _ b: [UInt8], from start: Int, limits: SIPLimits, base: Int = 0
    ) throws(SIPParseError) -> (fields: [SIPHeaderField], end: Int) {
        var fields: [SIPHeaderField] = []
        fields.reserveCapacity(16)
        let end = b.count
        var i = start
        while true {
            guard i < end else {
                throw SIPParseError(.truncated, at: base + i, "header section ends without an empty line")
            }
            let first = b[i]
            if first == WireByte.lf { return (fields, i + 1) }
            if first == WireByte.cr {
                guard i + 1 < end else {
                    throw SIPParseError(.truncated, at: base + i, "header section ends without an empty line")
                }
                guard b[i + 1] == WireByte.lf else {
                    throw SIPParseError(.malformedHeader, at: base + i, "CR not followed by LF")
                }
                return (fields, i + 2)
            }
            if WireByte.isWSP(first) {
                throw SIPParseError(.malformedHeader, at: base + i, "continuation line with no header field before it")
            }
            let nameStart = i
            while i < end, WireByte.isToken(b[i]) { i += 1 }
            let nameEnd = i
            guard nameEnd > nameStart else {
                throw SIPParseError(.malformedHeader, at: base + i, "header field name is not a token")
            }
            while i < end, WireByte.isWSP(b[i]) { i += 1 }
            guard i < end else {
                throw SIPParseError(.truncated, at: base + i, "header field ends before its colon")
            }
            guard b[i] == WireByte.colon else {
                throw SIPParseError(.malformedHeader, at: base + i, "header field name not followed by a colon")
            }
            i += 1
            let valueStart = i
            var folded = false
            var bareLF = false
            var lineEnd = i
            // One logical field: this line plus any continuation lines.
            while true {
                while i < end, b[i] != WireByte.cr, b[i] != WireByte.lf { i += 1 }
                guard i < end else {
                    throw SIPParseError(.truncated, at: base + i, "header field ends without a line break")
                }
                lineEnd = i
                if b[i] == WireByte.cr {
                    guard i + 1 < end else {
                        throw SIPParseError(.truncated, at: base + i, "header field ends without a line break")
                    }
                    guard b[i + 1] == WireByte.lf else {
                        throw SIPParseError(.malformedHeader, at: base + i, "CR not followed by LF")
                    }
                    i += 2
                } else {
                    bareLF = true
                    i += 1
                }
                if lineEnd - nameStart > limits.maxHeaderLength {
                    throw SIPParseError(
                        .headerTooLong, at: base + nameStart,
                        "header field longer than \(limits.maxHeaderLength) bytes")
                }
                guard i < end, WireByte.isWSP(b[i]) else { break }
                folded = true
            }
            var lo = valueStart
            var hi = lineEnd
            while lo < hi, WireByte.isWSP(b[lo]) || b[lo] == WireByte.cr || b[lo] == WireByte.lf { lo += 1 }
            while hi > lo, WireByte.isWSP(b[hi - 1]) || b[hi - 1] == WireByte.cr || b[hi - 1] == WireByte.lf { hi -= 1 }
            guard fields.count < limits.maxHeaders else {
                throw SIPParseError(.tooManyHeaders, at: base + nameStart, "more than \(limits.maxHeaders) header fields")
            }
            fields.append(
                SIPHeaderField(
                    storage: b, nameRange: nameStart..<nameEnd, valueRange: lo..<hi,
                    lineRange: nameStart..<lineEnd, isFolded: folded && containsBreak(b, lo..<hi),
                    hasBareLF: bareLF, offset: base + nameStart))
        }
    }

    /// Whether a trimmed value still contains a line break (folding inside the value, not
    /// just before or after it).
    private static func containsBreak(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        for i in r where b[i] == WireByte.cr || b[i] == WireByte.lf { return true }
        return false
    }

    /// Index just past the empty line ending a header section that starts at `start`, or
    /// nil if `b` does not hold it yet. Scanning resumes at `resumeFrom` (kept by the
    /// caller between calls) so that feeding bytes one at a time stays linear overall.
    static func findHeadEnd(_ b: [UInt8], start: Int, resumeFrom: inout Int) -> Int? {
        var i = Swift.max(start, resumeFrom)
        let end = b.count
        while i < end {
            if b[i] == WireByte.lf {
                // LF then LF, or LF then CRLF, ends the section.
                guard i + 1 < end else { resumeFrom = i; return nil }
                if b[i + 1] == WireByte.lf { return i + 2 }
                if b[i + 1] == WireByte.cr {
                    guard i + 2 < end else { resumeFrom = i; return nil }
                    if b[i + 2] == WireByte.lf { return i + 3 }
                }
            }
            i += 1
        }
        resumeFrom = end
        return nil
    }
}
