/// Replaces (RFC 3891 §6.1): the dialog to replace and whether only an early one may be.
public struct Replaces: SIPValueParsable {
    public var callID: String
    /// All parameters in order (`to-tag`, `from-tag`, `early-only`, others).
    public var parameters: [GenericParameter]

    public init(callID: String, toTag: String, fromTag: String, earlyOnly: Bool = false) {
        self.callID = callID
        parameters = [GenericParameter("to-tag", toTag), GenericParameter("from-tag", fromTag)]
        if earlyOnly { parameters.append(GenericParameter("early-only")) }
    }

    init(callID: String, parameters: [GenericParameter]) {
        self.callID = callID
        self.parameters = parameters
    }

    public var toTag: String { parameters.first(named: "to-tag")?.value ?? "" }
    public var fromTag: String { parameters.first(named: "from-tag")?.value ?? "" }
    public var earlyOnly: Bool { parameters.contains(named: "early-only") }

    public var description: String { callID + parameters.serialized }

    /// Parses `callid *( SEMI replaces-param )`; `to-tag` and `from-tag` are required (RFC 3891 §6.1).
    public static func parse(_ text: Substring) throws(SIPParseError) -> Replaces {
        var c = ValueCursor(text)
        c.skipSpace()
        let start = c.pos
        let isWord: (UInt8) -> Bool = { ValueChars.is($0, .word) && $0 != UInt8(ascii: ";") }
        guard !c.span(while: isWord).isEmpty else { throw c.error("expected a Call-ID") }
        if c.take("@") {
            guard !c.span(while: isWord).isEmpty else { throw c.error("expected a word after \"@\"") }
        }
        let callID = c.string(start..<c.pos)
        let params = try c.trailingParameters(after: "the Call-ID")
        for name in ["to-tag", "from-tag"] {
            guard let p = params.list.first(named: name), p.value != nil else {
                throw SIPParseError(.malformedValue, at: params.offset(of: name) ?? c.offset, "Replaces needs \(name)")
            }
        }
        return Replaces(callID: callID, parameters: params.list)
    }
}
