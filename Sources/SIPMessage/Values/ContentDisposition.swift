/// Content-Disposition (RFC 3261 §20.11): `session`, `render`, `icon`, `alert` … and
/// the `handling` parameter.
public struct ContentDisposition: SIPValueParsable {
    public var type: String
    public var parameters: [GenericParameter]

    public init(_ type: String, parameters: [GenericParameter] = []) {
        self.type = type
        self.parameters = parameters
    }

    public var description: String { type + parameters.serialized }

    /// `handling=`; RFC 3261 makes `required` the default when absent.
    public var handling: String? { parameters.first(named: "handling")?.value }

    /// Whether an unknown body type must fail the request (`handling=required`, the default).
    public var isHandlingRequired: Bool {
        guard let handling else { return true }
        return !ValueChars.equalFolded(handling, "optional")
    }

    /// Parses `disp-type *( SEMI disp-param )`.
    public static func parse(_ text: Substring) throws(SIPParseError) -> ContentDisposition {
        var c = ValueCursor(text)
        c.skipSpace()
        let type = try c.token("disposition type")
        let params = try c.trailingParameters(after: "the disposition")
        return ContentDisposition(type, parameters: params.list)
    }
}
