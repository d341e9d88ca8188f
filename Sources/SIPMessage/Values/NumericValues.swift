// Header values that are one number (RFC 3261 §20, RFC 3262).

extension ValueCursor {
    /// `delta-seconds = 1*DIGIT`; larger values than 2^32-1 are read as 2^32-1
    /// (RFC 3261 §20.19 gives that range), with at most 20 digits accepted.
    mutating func deltaSeconds(_ what: String) throws(SIPParseError) -> UInt32 {
        let start = pos
        var value: UInt64 = 0
        while let b = peek(), ValueChars.isDigit(b) {
            guard pos - start < 20 else { throw error("\(what) has too many digits", at: start) }
            value = min(value * 10 + UInt64(b - 0x30), UInt64(UInt32.max))
            pos += 1
        }
        guard pos > start else { throw error("expected \(what)") }
        return UInt32(value)
    }
}

/// Parses a whole value that is one number no greater than `max`.
private func parseWholeNumber(_ text: Substring, _ what: String, max: UInt64) throws(SIPParseError) -> UInt64 {
    var c = ValueCursor(text)
    c.skipSpace()
    let v = try c.number(what, max: max)
    c.skipSpace()
    try c.expectEnd(what)
    return v
}

/// Max-Forwards: 0…255 hops.
public struct MaxForwards: SIPValueParsable {
    public var value: UInt8
    public init(_ value: UInt8) { self.value = value }
    public var description: String { String(value) }
    public static func parse(_ text: Substring) throws(SIPParseError) -> MaxForwards {
        MaxForwards(UInt8(try parseWholeNumber(text, "Max-Forwards", max: 255)))
    }
}

/// Content-Length: the body size in bytes (at most 2^32-1).
public struct ContentLength: SIPValueParsable {
    public var value: UInt32
    public init(_ value: UInt32) { self.value = value }
    public var description: String { String(value) }
    public static func parse(_ text: Substring) throws(SIPParseError) -> ContentLength {
        ContentLength(UInt32(try parseWholeNumber(text, "Content-Length", max: UInt64(UInt32.max))))
    }
}

/// Expires: delta-seconds (RFC 3261 §20.19).
public struct Expires: SIPValueParsable {
    public var seconds: UInt32
    public init(_ seconds: UInt32) { self.seconds = seconds }
    public var description: String { String(seconds) }
    public static func parse(_ text: Substring) throws(SIPParseError) -> Expires {
        var c = ValueCursor(text)
        c.skipSpace()
        let v = try c.deltaSeconds("Expires")
        c.skipSpace()
        try c.expectEnd("Expires")
        return Expires(v)
    }
}

/// Min-Expires: delta-seconds (RFC 3261 §20.23).
public struct MinExpires: SIPValueParsable {
    public var seconds: UInt32
    public init(_ seconds: UInt32) { self.seconds = seconds }
    public var description: String { String(seconds) }
    public static func parse(_ text: Substring) throws(SIPParseError) -> MinExpires {
        MinExpires(try Expires.parse(text).seconds)
    }
}

/// RSeq (RFC 3262 §7.1): 1…2^31-1.
public struct RSeq: SIPValueParsable {
    public var value: UInt32
    public init(_ value: UInt32) { self.value = value }
    public var description: String { String(value) }
    public static func parse(_ text: Substring) throws(SIPParseError) -> RSeq {
        let v = try parseWholeNumber(text, "RSeq", max: (1 << 31) - 1)
        guard v >= 1 else { throw SIPParseError(.malformedValue, at: 0, "RSeq must be at least 1") }
        return RSeq(UInt32(v))
    }
}

/// CSeq: a sequence number below 2^31 and the request method (RFC 3261 §20.16).
public struct CSeq: SIPValueParsable {
    public var number: UInt32
    /// The method, case-sensitive (`INVITE`).
    public var method: String
    public init(_ number: UInt32, _ method: String) {
        self.number = number
        self.method = method
    }
    public var description: String { "\(number) \(method)" }
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

/// Call-ID: `word [ "@" word ]` (RFC 3261 §20.8), compared case-sensitively.
public struct CallID: SIPValueParsable, Hashable {
    public var value: String
    public init(_ value: String) { self.value = value }
    public var description: String { value }
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
