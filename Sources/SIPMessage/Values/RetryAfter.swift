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

    /// Parses `delta-seconds [ comment ] *( SEMI retry-param )`.
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
