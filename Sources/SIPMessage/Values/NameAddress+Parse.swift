extension NameAddress: SIPValueParsable {
    /// Parses `( name-addr / addr-spec ) *( SEMI generic-param )`.
    ///
    /// In the `addr-spec` form (no angle brackets) the URI ends at the first `;`, `?`,
    /// `,` or white space: parameters after it belong to the header, and a URI needing
    /// those characters must be in angle brackets (RFC 3261 §20).
    public static func parse(_ text: Substring) throws(SIPParseError) -> NameAddress {
        var c = ValueCursor(text)
        c.skipSpace()
        var displayName: String?
        if c.peek(is: "\"") {
            displayName = try c.quotedString()
            c.skipSpace()
            guard c.peek(is: "<") else { throw c.error("expected \"<\" after the display name") }
        } else if !c.peek(is: "<") {
            // `*(token LWS)` followed by "<" is a display name; otherwise an addr-spec.
            let start = c.pos
            var end = start
            while let b = c.peek(), ValueChars.isToken(b) || ValueChars.isWhitespace(b) || b >= 0x80 {
                c.pos += 1
                if !ValueChars.isWhitespace(b) { end = c.pos }
            }
            if c.peek(is: "<"), end > start {
                // Runs of white space between the tokens are one space (LWS is SP).
                var words: [UInt8] = []
                for b in c.bytes[start..<end] {
                    if !ValueChars.isWhitespace(b) { words.append(b) } else if words.last != 0x20 { words.append(0x20) }
                }
                guard let name = String(validating: words, as: UTF8.self) else {
                    throw c.error("display name is not valid UTF-8", kind: .invalidEncoding, at: start)
                }
                displayName = name
            } else {
                c.pos = start
                return try parseAddrSpec(&c)
            }
        }
        let uri = try angleURI(&c)
        let params = try c.trailingParameters(after: "the address")
        try validate(params)
        return NameAddress(displayName: displayName, uri: uri, parameters: params.list)
    }

    /// Reads `"<" URI ">"` (the "<" next).
    static func angleURI(_ c: inout ValueCursor) throws(SIPParseError) -> URI {
        try c.expect("<", "expected \"<\"")
        let start = c.pos
        guard let close = c.bytes[start...].firstIndex(of: UInt8(ascii: ">")) else {
            throw c.error("missing \">\"", kind: .truncated, at: start - 1)
        }
        // Spaces inside the brackets are not allowed (RFC 4475 §3.1.2.14) but harmless;
        // they are skipped, as that test permits.
        var lo = start, hi = close
        while lo < hi, ValueChars.isWhitespace(c.bytes[lo]) { lo += 1 }
        while hi > lo, ValueChars.isWhitespace(c.bytes[hi - 1]) { hi -= 1 }
        let uri = try URI.parse(c.bytes[lo..<hi], base: c.base + lo)
        c.pos = close + 1
        return uri
    }

    private static func parseAddrSpec(_ c: inout ValueCursor) throws(SIPParseError) -> NameAddress {
        let start = c.pos
        // A URI with ";", "?" or "," must be in angle brackets (RFC 3261 §20): here those
        // end it, and what follows is a header parameter or an error.
        let r = c.span { !ValueChars.isWhitespace($0) && !";?,".utf8.contains($0) }
        guard !r.isEmpty else { throw c.error("expected an address") }
        let uri = try URI.parse(c.bytes[r], base: c.base + start)
        let params = try c.trailingParameters(after: "the address")
        try validate(params)
        return NameAddress(displayName: nil, uri: uri, parameters: params.list)
    }

    /// Checks the parameters this type gives typed access to.
    private static func validate(_ p: ReadParameters) throws(SIPParseError) {
        if let i = p.list.firstIndex(where: { ValueChars.equalFolded($0.name, "expires") }) {
            guard let v = p.list[i].value, clampedDelta(v) != nil else {
                throw SIPParseError(.malformedValue, at: p.offsets[i], "expires must be delta-seconds")
            }
        }
        try p.requireNumber("reg-id", max: UInt64(UInt32.max))
        if let i = p.list.firstIndex(where: { ValueChars.equalFolded($0.name, "q") }) {
            guard let v = p.list[i].value, parseQValue(v) != nil else {
                throw SIPParseError(.malformedValue, at: p.offsets[i], "q must be a qvalue between 0 and 1")
            }
        }
        if let i = p.list.firstIndex(where: { ValueChars.equalFolded($0.name, "tag") }), p.list[i].value == nil {
            throw SIPParseError(.malformedValue, at: p.offsets[i], "tag needs a value")
        }
    }
}
