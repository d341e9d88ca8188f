/// The Event header (RFC 6665 §8.2.1): package, templates, `id` and other parameters.
public struct EventValue: SIPValueParsable {
    /// `presence`, `dialog`, `message-summary`, `refer` …
    public var package: String
    /// `event-template`s after the package (`presence.winfo` → `["winfo"]`).
    public var templates: [String]
    public var parameters: [GenericParameter]

    public init(package: String, templates: [String] = [], parameters: [GenericParameter] = []) {
        self.package = package
        self.templates = templates
        self.parameters = parameters
    }

    /// `package.template…`
    public var eventType: String { ([package] + templates).joined(separator: ".") }

    /// `id=`, which tells subscriptions in one dialog apart.
    public var id: String? { parameters.first(named: "id")?.value }

    public var description: String { eventType + parameters.serialized }

    /// Parses `event-type *( SEMI event-param )` with `event-type = event-package *( "." event-template )`.
    public static func parse(_ text: Substring) throws(SIPParseError) -> EventValue {
        var c = ValueCursor(text)
        c.skipSpace()
        // token-nodot: a token without ".", then "." separated templates.
        var parts: [String] = []
        repeat {
            let r = c.span { ValueChars.isToken($0) && $0 != UInt8(ascii: ".") }
            guard !r.isEmpty else { throw c.error(parts.isEmpty ? "expected an event package" : "empty event template") }
            parts.append(c.string(r))
        } while c.take(".")
        let params = try c.trailingParameters(after: "the event type")
        return EventValue(package: parts[0], templates: Array(parts.dropFirst()), parameters: params.list)
    }
}
