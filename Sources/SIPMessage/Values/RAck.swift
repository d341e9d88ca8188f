/// RAck (RFC 3262 §7.2): the RSeq and CSeq of the acknowledged reliable provisional.
public struct RAck: SIPValueParsable {
    public var rseq: UInt32
    public var cseq: UInt32
    public var method: String
    public init(rseq: UInt32, cseq: UInt32, method: String) {
        self.rseq = rseq
        self.cseq = cseq
        self.method = method
    }
    public var description: String { "\(rseq) \(cseq) \(method)" }
    /// Parses `response-num LWS CSeq-num LWS Method` (RFC 3262 §7.2).
    public static func parse(_ text: Substring) throws(SIPParseError) -> RAck {
        var c = ValueCursor(text)
        c.skipSpace()
        let r = try c.number("RSeq number", max: (1 << 31) - 1)
        guard r >= 1 else { throw c.error("RSeq number must be at least 1", at: c.pos - 1) }
        var before = c.pos
        c.skipSpace()
        guard c.pos > before else { throw c.error("expected white space after the RSeq number") }
        let n = try c.number("CSeq number", max: (1 << 31) - 1)
        before = c.pos
        c.skipSpace()
        guard c.pos > before else { throw c.error("expected white space after the CSeq number") }
        let method = try c.token("method")
        c.skipSpace()
        try c.expectEnd("RAck")
        return RAck(rseq: UInt32(r), cseq: UInt32(n), method: method)
    }
}
