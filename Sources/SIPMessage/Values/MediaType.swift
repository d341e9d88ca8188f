/// A media type with parameters: a Content-Type value or an Accept element
/// (RFC 3261 §20.1, §20.15). Type, subtype and parameter names compare ignoring case;
/// parameter values compare exactly.
public struct MediaType: SIPValueParsable {
    public var type: String
    public var subtype: String
    public var parameters: [GenericParameter]

    public init(_ type: String, _ subtype: String, parameters: [GenericParameter] = []) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    public static let sdp = MediaType("application", "sdp")

    public var description: String { "\(type)/\(subtype)" + parameters.serialized }

    /// `type/subtype` in lower case (`application/sdp`).
    public var essence: String { ValueChars.lower("\(type)/\(subtype)") }

    /// Whether type and subtype match, ignoring case and parameters; `*` in this value
    /// (an Accept range) matches anything.
    public func matches(_ other: MediaType) -> Bool {
        (type == "*" || ValueChars.equalFolded(type, other.type))
            && (subtype == "*" || ValueChars.equalFolded(subtype, other.subtype))
    }

    /// `q=` of an Accept element, in thousandths.
    public var q: Int? { parameters.first(named: "q")?.value.flatMap(parseQValue) }

    /// `charset=`, unquoted.
    public var charset: String? { parameters.first(named: "charset")?.value }

    public static func == (a: MediaType, b: MediaType) -> Bool {
        ValueChars.equalFolded(a.type, b.type) && ValueChars.equalFolded(a.subtype, b.subtype)
            && a.parameters.count == b.parameters.count
            && zip(a.parameters, b.parameters).allSatisfy { x, y in
                ValueChars.equalFolded(x.name, y.name) && x.value == y.value
            }
    }

    /// Parses `m-type SLASH m-subtype *( SEMI m-parameter )`.
    public static func parse(_ text: Substring) throws(SIPParseError) -> MediaType {
        var c = ValueCursor(text)
        c.skipSpace()
        let type = try c.token("media type")
        guard c.takeSeparator("/") else { throw c.error("expected \"/\" in media type") }
        let subtype = try c.token("media subtype")
        let params = try c.trailingParameters(after: "the media type")
        if let i = params.list.firstIndex(where: { ValueChars.equalFolded($0.name, "q") }),
           params.list[i].value.flatMap(parseQValue) == nil {
            throw SIPParseError(.malformedValue, at: params.offsets[i], "q must be a qvalue between 0 and 1")
        }
        return MediaType(type, subtype, parameters: params.list)
    }
}
