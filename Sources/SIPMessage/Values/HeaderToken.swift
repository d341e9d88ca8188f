/// One token element of Allow, Supported, Require, Proxy-Require, Unsupported,
/// Allow-Events, Accept-Encoding or Accept-Language.
public struct HeaderToken: SIPValueParsable, Hashable {
    /// The token as written (methods are case-sensitive, option tags are compared
    /// ignoring case by `isEquivalent(to:)`).
    public var value: String
    public init(_ value: String) { self.value = value }
    public var description: String { value }

    public func isEquivalent(to other: HeaderToken) -> Bool { ValueChars.equalFolded(value, other.value) }

    public static func parse(_ text: Substring) throws(SIPParseError) -> HeaderToken {
        var c = ValueCursor(text)
        c.skipSpace()
        let t = try c.token("a token")
        c.skipSpace()
        try c.expectEnd("the token")
        return HeaderToken(t)
    }
}
