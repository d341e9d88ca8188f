/// One Reason header element (RFC 3326): protocol, `cause` and `text`.
public struct ReasonValue: SIPValueParsable {
    /// `SIP`, `Q.850` or another token.
    public var `protocol`: String
    public var parameters: [GenericParameter]

    public init(protocol: String, cause: Int? = nil, text: String? = nil, parameters: [GenericParameter] = []) {
        self.protocol = `protocol`
        var p: [GenericParameter] = []
        if let cause { p.append(GenericParameter("cause", String(cause))) }
        if let text { p.append(GenericParameter("text", text, quoted: true)) }
        self.parameters = p + parameters
    }

    public var cause: Int? { parameters.first(named: "cause")?.value.flatMap { parseDecimal($0, max: 999_999) }.map { Int($0) } }
    public var text: String? { parameters.first(named: "text")?.value }

    public var description: String { `protocol` + parameters.serialized }

    public static func parse(_ text: Substring) throws(SIPParseError) -> ReasonValue {
        var c = ValueCursor(text)
        c.skipSpace()
        let proto = try c.token("reason protocol")
        let params = try c.trailingParameters(after: "the reason protocol")
        try params.requireNumber("cause", max: 999_999)
        return ReasonValue(protocol: proto, parameters: params.list)
    }
}

/// Retry-After (RFC 3261 §20.33): seconds, an optional comment and a `duration`.
public struct RetryAfter: SIPValueParsable {
    public var seconds: UInt32
    /// The comment's text without its parentheses.
    public var comment: String?
    public var parameters: [GenericParameter]

    public init(_ seconds: UInt32, comment: String? = nil, parameters: [GenericParameter] = []) {
        self.seconds = seconds
        self.comment = comment
        self.parameters = parameters
    }

    /// `duration=` in seconds.
    public var duration: UInt32? { parameters.first(named: "duration")?.value.flatMap(clampedDelta) }

    public var description: String {
        String(seconds) + (comment.map { " (\($0))" } ?? "") + parameters.serialized
    }

    public static func parse(_ text: Substring) throws(SIPParseError) -> RetryAfter {
        var c = ValueCursor(text)
        c.skipSpace()
        let seconds = try c.deltaSeconds("Retry-After")
        let save = c.pos
        c.skipSpace()
        var comment: String?
        if c.peek(is: "(") { comment = try c.comment() } else { c.pos = save }
        let params = try c.trailingParameters(after: "Retry-After")
        try params.requireNumber("duration", max: .max)
        return RetryAfter(seconds, comment: comment, parameters: params.list)
    }
}

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
