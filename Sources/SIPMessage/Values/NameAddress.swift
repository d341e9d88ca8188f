/// A `name-addr` or `addr-spec` with its header parameters (RFC 3261 §20): the value
/// of From, To, Contact, Route, Record-Route, Reply-To, Refer-To, Referred-By and
/// P-Asserted-Identity.
public struct NameAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, unquoted and unescaped; nil when absent.
    public var displayName: String?
    public var uri: URI
    /// Header parameters (after the URI, or after `>`), in order.
    public var parameters: [GenericParameter]

    public init(displayName: String? = nil, uri: URI, parameters: [GenericParameter] = []) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    /// Always the `name-addr` form: the URI in angle brackets, so URI parameters and
    /// header parameters cannot be confused; the display name always quoted.
    public var description: String {
        var out = ""
        if let displayName { out += quoteString(displayName) + " " }
        out += "<\(uri)>" + parameters.serialized
        return out
    }

    /// The URI when it is a `sip:` or `sips:` URI.
    public var sipURI: SIPURI? {
        if case .sip(let u) = uri { return u }
        return nil
    }

    /// `tag=` of From and To.
    public var tag: String? { parameters.first(named: "tag")?.value }

    /// `expires=` of a Contact, in seconds (values above 2^32-1 read as 2^32-1).
    public var expires: UInt32? { parameters.first(named: "expires")?.value.flatMap(clampedDelta) }

    /// `q=` of a Contact, in thousandths (`q=0.7` is 700), validated at parse time.
    public var q: Int? { parameters.first(named: "q")?.value.flatMap(parseQValue) }

    /// `+sip.instance=` (RFC 5626), quotes removed (`<urn:uuid:…>`).
    public var instance: String? { parameters.first(named: "+sip.instance")?.value }

    /// `reg-id=` (RFC 5626).
    public var regID: UInt32? {
        parameters.first(named: "reg-id")?.value.flatMap { parseDecimal($0, max: UInt64(UInt32.max)) }.map { UInt32($0) }
    }
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )` in thousandths.
func parseQValue(_ text: String) -> Int? {
    let b = Array(text.utf8)
    guard let first = b.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1"), b.count <= 5 else { return nil }
    var value = Int(first - 0x30) * 1000
    if b.count > 1 {
        guard b[1] == UInt8(ascii: ".") else { return nil }
        var scale = 100
        for c in b.dropFirst(2) {
            guard ValueChars.isDigit(c) else { return nil }
            value += Int(c - 0x30) * scale
            scale /= 10
        }
    }
    return value <= 1000 ? value : nil
}

/// A Contact header element: `*` or an address.
public enum ContactValue: Sendable, Equatable, CustomStringConvertible {
    /// `Contact: *` (only in a REGISTER with `Expires: 0`).
    case wildcard
    case address(NameAddress)

    public var description: String {
        switch self {
        case .wildcard: "*"
        case .address(let a): a.description
        }
    }
}

extension ContactValue: SIPValueParsable {
    /// Parses `"*"` or a `NameAddress`.
    public static func parse(_ text: Substring) throws(SIPParseError) -> ContactValue {
        var c = ValueCursor(text)
        c.skipSpace()
        if c.take("*") {
            c.skipSpace()
            try c.expectEnd("*")
            return .wildcard
        }
        return .address(try NameAddress.parse(text))
    }
}
