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
    /// Parses `1*DIGIT`, 0…255.
    public static func parse(_ text: Substring) throws(SIPParseError) -> MaxForwards {
        MaxForwards(UInt8(try parseWholeNumber(text, "Max-Forwards", max: 255)))
    }
}

/// Content-Length: the body size in bytes (at most 2^32-1).
public struct ContentLength: SIPValueParsable {
    public var value: UInt32
    public init(_ value: UInt32) { self.value = value }
    public var description: String { String(value) }
    /// Parses `1*DIGIT`, up to 2^32-1.
    public static func parse(_ text: Substring) throws(SIPParseError) -> ContentLength {
        ContentLength(UInt32(try parseWholeNumber(text, "Content-Length", max: UInt64(UInt32.max))))
    }
}

/// Expires: delta-seconds (RFC 3261 §20.19).
public struct Expires: SIPValueParsable {
    public var seconds: UInt32
    public init(_ seconds: UInt32) { self.seconds = seconds }
    public var description: String { String(seconds) }
    /// Parses `delta-seconds`, overlarge values (up to 20 digits) read as 2^32-1.
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
    /// Parses `delta-seconds`, as `Expires`.
    public static func parse(_ text: Substring) throws(SIPParseError) -> MinExpires {
        MinExpires(try Expires.parse(text).seconds)
    }
}

/// RSeq (RFC 3262 §7.1): 1…2^31-1.
public struct RSeq: SIPValueParsable {
    public var value: UInt32
    public init(_ value: UInt32) { self.value = value }
    public var description: String { String(value) }
    /// Parses `1*DIGIT`, 1…2^31-1.
    public static func parse(_ text: Substring) throws(SIPParseError) -> RSeq {
        let v = try parseWholeNumber(text, "RSeq", max: (1 << 31) - 1)
        guard v >= 1 else { throw SIPParseError(.malformedValue, at: 0, "RSeq must be at least 1") }
        return RSeq(UInt32(v))
    }
}

/// `delta-seconds` text as a number, clamped to 2^32-1.
func clampedDelta(_ text: String) -> UInt32? {
    guard !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy(ValueChars.isDigit) else { return nil }
    return UInt32(parseDecimal(text, max: .max).map { min($0, UInt64(UInt32.max)) } ?? UInt64(UInt32.max))
}
