/// CSeq: a sequence number below 2^31 and the request method (RFC 3261 §20.16).
public struct CSeq: SIPValueParsable, Hashable {
    public var number: UInt32
    /// The method, case-sensitive (`INVITE`).
    public var method: String
    public init(_ number: UInt32, _ method: String) {
        self.number = number
        self.method = method
    }
    public var description: String { "\(number) \(method)" }
    /// Parses `1*DIGIT LWS Method`, the number below 2^31.
    public static func parse(_ text: Substring) throws(SIPParseError) -> CSeq {
        var c = ValueCursor(text)
        c.skipSpace()
        let n = try c.number("CSeq number", max: (1 << 31) - 1)
        let before = c.pos
        c.skipSpace()
        guard c.pos > before else { throw c.error("expected white space after the CSeq number") }
        let method = try c.token("method")
        c.skipSpace()
        try c.expectEnd("CSeq")
        return CSeq(UInt32(n), method)
    }
}
