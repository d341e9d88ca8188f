/// Call-ID: `word [ "@" word ]` (RFC 3261 §20.8), compared case-sensitively.
public struct CallID: SIPValueParsable, Hashable {
    public var value: String
    public init(_ value: String) { self.value = value }
    public var description: String { value }
    /// Parses `word [ "@" word ]`.
    public static func parse(_ text: Substring) throws(SIPParseError) -> CallID {
        var c = ValueCursor(text)
        c.skipSpace()
        let start = c.pos
        let isWord: (UInt8) -> Bool = { ValueChars.is($0, .word) }
        guard !c.span(while: isWord).isEmpty else { throw c.error("expected a Call-ID") }
        if c.take("@") {
            guard !c.span(while: isWord).isEmpty else { throw c.error("expected a word after \"@\"") }
        }
        let end = c.pos
        c.skipSpace()
        try c.expectEnd("Call-ID")
        return CallID(c.string(start..<end))
    }
}
