/// One Call-Info or Alert-Info element (RFC 3261 §20.9, §20.4): a URI in angle brackets
/// and parameters such as `purpose` or `answer-after`.
public struct InfoValue: SIPValueParsable {
    public var uri: URI
    public var parameters: [GenericParameter]

    public init(uri: URI, parameters: [GenericParameter] = []) {
        self.uri = uri
        self.parameters = parameters
    }

    public var description: String { "<\(uri)>" + parameters.serialized }

    /// `purpose=` (`icon`, `info`, `card`, …).
    public var purpose: String? { parameters.first(named: "purpose")?.value }

    /// `answer-after=` seconds (auto-answer hints from Polycom/Cisco style Call-Info).
    public var answerAfter: UInt32? { parameters.first(named: "answer-after")?.value.flatMap(clampedDelta) }

    /// Parses `LAQUOT absoluteURI RAQUOT *( SEMI info-param )`.
    public static func parse(_ text: Substring) throws(SIPParseError) -> InfoValue {
        var c = ValueCursor(text)
        c.skipSpace()
        guard c.peek(is: "<") else { throw c.error("expected \"<\"") }
        let uri = try NameAddress.angleURI(&c)
        let params = try c.trailingParameters(after: "the URI")
        try params.requireNumber("answer-after", max: .max)
        return InfoValue(uri: uri, parameters: params.list)
    }
}
