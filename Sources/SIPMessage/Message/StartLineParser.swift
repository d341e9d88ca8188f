/// Reads a Request-Line or Status-Line (RFC 3261 §7.1, §7.2).
///
/// Strict where RFC 4475 says a parser may reject: exactly one SP between elements
/// (§3.1.2.9), nothing after the SIP-Version (§3.1.2.10), a Request-URI that is one
/// whitespace-free token beginning with a scheme (§3.1.2.7, §3.1.2.8), a three-digit
/// status code in 100–699 (§3.1.2.19). Liberal in one place: a Status-Line with no SP
/// after the code is read as an empty Reason-Phrase (§3.1.1.13).
enum StartLineParser {
    static func parse(
        _ b: [UInt8], from start: Int, limits: SIPLimits
    ) throws(SIPParseError) -> (MessageHead.StartLine, next: Int) {
        var lineEnd = start
        while lineEnd < b.count, b[lineEnd] != WireByte.lf {
            lineEnd += 1
            if lineEnd - start > limits.maxHeaderLength {
                throw SIPParseError(.headerTooLong, at: start, "start line longer than \(limits.maxHeaderLength) bytes")
            }
        }
        guard lineEnd < b.count else { throw SIPParseError(.truncated, at: lineEnd, "start line has no line break") }
        let next = lineEnd + 1
        var end = lineEnd
        if end > start, b[end - 1] == WireByte.cr { end -= 1 }
        for k in start..<end where b[k] == WireByte.cr {
            throw SIPParseError(.malformedStartLine, at: k, "CR inside the start line")
        }
        if isVersionPrefix(b, start, end) {
            return (try parseStatusLine(b, start, end), next)
        }
        return (try parseRequestLine(b, start, end), next)
    }

    /// `SIP/` (case-insensitive): no method can start so, as `/` is not a token character.
    private static func isVersionPrefix(_ b: [UInt8], _ start: Int, _ end: Int) -> Bool {
        end - start >= 4 && WireByte.lower(b[start]) == 0x73 && WireByte.lower(b[start + 1]) == 0x69
            && WireByte.lower(b[start + 2]) == 0x70 && b[start + 3] == WireByte.slash
    }

    /// Length of a SIP-Version (`SIP/` 1*DIGIT `.` 1*DIGIT) at `i`, or nil.
    private static func versionLength(_ b: [UInt8], _ i: Int, _ end: Int) -> Int? {
        guard isVersionPrefix(b, i, end) else { return nil }
        var k = i + 4
        let majorStart = k
        while k < end, WireByte.isDigit(b[k]) { k += 1 }
        guard k > majorStart, k < end, b[k] == WireByte.dot else { return nil }
        k += 1
        let minorStart = k
        while k < end, WireByte.isDigit(b[k]) { k += 1 }
        guard k > minorStart, k - i <= 32 else { return nil }
        return k - i
    }

    private static func parseRequestLine(_ b: [UInt8], _ start: Int, _ end: Int) throws(SIPParseError) -> MessageHead.StartLine {
        var i = start
        while i < end, WireByte.isToken(b[i]) { i += 1 }
        guard i > start else { throw SIPParseError(.malformedStartLine, at: i, "request line does not start with a method token") }
        guard i < end, b[i] == WireByte.sp else {
            throw SIPParseError(.malformedStartLine, at: i, "method not followed by a single SP")
        }
        let method = SIPMethod(WireByte.text( b[start..<i]))
        i += 1
        let uriStart = i
        while i < end, b[i] > WireByte.sp, b[i] != 0x7F { i += 1 }
        let uriEnd = i
        guard uriEnd > uriStart else { throw SIPParseError(.malformedStartLine, at: uriStart, "empty or SP-padded Request-URI") }
        guard hasScheme(b, uriStart, uriEnd) else {
            throw SIPParseError(.malformedStartLine, at: uriStart, "Request-URI does not begin with a URI scheme")
        }
        guard i < end, b[i] == WireByte.sp else {
            throw SIPParseError(.malformedStartLine, at: i, "Request-URI not followed by a single SP and the SIP-Version")
        }
        i += 1
        guard let vlen = versionLength(b, i, end), i + vlen == end else {
            throw SIPParseError(.malformedStartLine, at: i, "request line does not end with a SIP-Version")
        }
        return .request(method: method, uri: WireByte.text( b[uriStart..<uriEnd]), version: WireByte.text( b[i..<end]))
    }

    /// `scheme ":"` with scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1).
    private static func hasScheme(_ b: [UInt8], _ start: Int, _ end: Int) -> Bool {
        guard start < end, WireByte.isAlpha(b[start]) else { return false }
        var i = start + 1
        while i < end {
            let c = b[i]
            if c == WireByte.colon { return true }
            guard WireByte.isAlpha(c) || WireByte.isDigit(c) || c == 0x2B || c == WireByte.dash || c == WireByte.dot else { return false }
            i += 1
        }
        return false
    }

    private static func parseStatusLine(_ b: [UInt8], _ start: Int, _ end: Int) throws(SIPParseError) -> MessageHead.StartLine {
        guard let vlen = versionLength(b, start, end) else {
            throw SIPParseError(.malformedStartLine, at: start, "malformed SIP-Version in status line")
        }
        var i = start + vlen
        guard i < end, b[i] == WireByte.sp else { throw SIPParseError(.malformedStartLine, at: i, "SIP-Version not followed by a single SP") }
        i += 1
        let codeStart = i
        while i < end, WireByte.isDigit(b[i]) { i += 1 }
        guard i - codeStart == 3 else {
            throw SIPParseError(.malformedStartLine, at: codeStart, "status code is not three digits")
        }
        let code = Int(b[codeStart] &- 0x30) * 100 + Int(b[codeStart + 1] &- 0x30) * 10 + Int(b[codeStart + 2] &- 0x30)
        guard (100...699).contains(code) else {
            throw SIPParseError(.malformedStartLine, at: codeStart, "status code \(code) outside 100–699")
        }
        var reason: [UInt8] = []
        if i < end {
            guard b[i] == WireByte.sp else { throw SIPParseError(.malformedStartLine, at: i, "status code not followed by SP") }
            reason = Array(b[(i + 1)..<end])
        }
        return .response(version: WireByte.text( b[start..<(start + vlen)]), code: code, reason: reason)
    }
}
