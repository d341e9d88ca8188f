/// One Warning element (RFC 3261 §20.43): code, agent and quoted text.
public struct WarningValue: SIPValueParsable {
    /// Three digits (300…399 for SIP's own codes).
    public var code: Int
    /// A host[:port] or a pseudonym token.
    public var agent: String
    public var text: String

    public init(code: Int, agent: String, text: String) {
        self.code = code
        self.agent = agent
        self.text = text
    }

    public var description: String { "\(code) \(agent) \(quoteString(text))" }

    /// Parses `warn-code SP warn-agent SP warn-text`.
    public static func parse(_ text: Substring) throws(SIPParseError) -> WarningValue {
        var c = ValueCursor(text)
        c.skipSpace()
        let start = c.pos
        let code = try c.number("warning code", max: 999)
        guard c.pos - start == 3 else { throw c.error("warning code must be three digits", at: start) }
        var before = c.pos
        c.skipSpace()
        guard c.pos > before else { throw c.error("expected white space after the warning code") }
        let agentStart = c.pos
        let r = c.span { !ValueChars.isWhitespace($0) && $0 != UInt8(ascii: "\"") }
        guard !r.isEmpty else { throw c.error("expected a warning agent") }
        try validateAgent(c.bytes[r], base: c.base + agentStart)
        before = c.pos
        c.skipSpace()
        guard c.pos > before else { throw c.error("expected white space after the warning agent") }
        let warnText = try c.quotedString()
        c.skipSpace()
        try c.expectEnd("the warning")
        return WarningValue(code: Int(code), agent: c.string(r), text: warnText)
    }

    /// `warn-agent = hostport / pseudonym`.
    private static func validateAgent(_ b: ArraySlice<UInt8>, base: Int) throws(SIPParseError) {
        if b.allSatisfy(ValueChars.isToken) { return }  // a pseudonym, or a plain host
        // host [":" port]; an IPv6 reference keeps its colons inside brackets.
        var hostEnd = b.endIndex
        if b.first == UInt8(ascii: "[") {
            hostEnd = (b.firstIndex(of: UInt8(ascii: "]")) ?? b.endIndex - 1) + 1
        } else if let colon = b.firstIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
        }
        _ = try Host.parse(b[b.startIndex..<min(hostEnd, b.endIndex)], base: base)
        if hostEnd < b.endIndex {
            guard b[hostEnd] == UInt8(ascii: ":") else {
                throw SIPParseError(.malformedValue, at: base + hostEnd - b.startIndex, "bad warning agent")
            }
            var i = hostEnd + 1
            _ = try SIPURI.parsePort(b, &i, base: base)
            guard i == b.endIndex else {
                throw SIPParseError(.malformedValue, at: base + i - b.startIndex, "bad warning agent")
            }
        }
    }
}
