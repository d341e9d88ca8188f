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

    /// Parses `protocol *( SEMI reason-params )` (RFC 3326).
    public static func parse(_ text: Substring) throws(SIPParseError) -> ReasonValue {
        var c = ValueCursor(text)
        c.skipSpace()
        let proto = try c.token("reason protocol")
        let params = try c.trailingParameters(after: "the reason protocol")
        try params.requireNumber("cause", max: 999_999)
        return ReasonValue(protocol: proto, parameters: params.list)
    }
}
