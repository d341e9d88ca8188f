/// Any URI a SIP header can carry: `sip:`/`sips:`, `tel:`, or another scheme kept opaque.
public enum URI: Sendable, Hashable, CustomStringConvertible {
    case sip(SIPURI)
    case tel(TelURI)
    /// Another scheme (`urn:`, `http:`, `mailto:` …): the scheme and the text after its colon.
    case other(scheme: String, text: String)

    public var description: String {
        switch self {
        case .sip(let u): u.description
        case .tel(let u): u.description
        case .other(let scheme, let text): "\(scheme):\(text)"
        }
    }

    /// The scheme in lower case.
    public var scheme: String {
        switch self {
        case .sip(let u): u.scheme
        case .tel: "tel"
        case .other(let scheme, _): ValueChars.lower(scheme)
        }
    }

    /// Comparison by each scheme's rules (RFC 3261 §19.1.4, RFC 3966 §4); other schemes
    /// compare the scheme case-insensitively and the rest exactly.
    public func isEquivalent(to other: URI) -> Bool {
        switch (self, other) {
        case (.sip(let a), .sip(let b)): a.isEquivalent(to: b)
        case (.tel(let a), .tel(let b)): a.isEquivalent(to: b)
        case (.other(let s1, let t1), .other(let s2, let t2)): ValueChars.equalFolded(s1, s2) && t1 == t2
        default: false
        }
    }
}

extension URI: SIPValueParsable {
    /// Parses a URI, dispatching on its scheme.
    public static func parse(_ text: Substring) throws(SIPParseError) -> URI {
        let bytes = contiguousBytes(of: text)
        return try parse(bytes[...], base: 0)
    }

    static func parse(_ b: ArraySlice<UInt8>, base: Int) throws(SIPParseError) -> URI {
        guard let colon = b.firstIndex(of: UInt8(ascii: ":")), colon > b.startIndex else {
            throw SIPParseError(.malformedURI, at: base, "missing URI scheme")
        }
        let schemeBytes = b[b.startIndex..<colon]
        guard let first = schemeBytes.first, ValueChars.isAlpha(first),
              schemeBytes.allSatisfy({ ValueChars.is($0, .alnum) || "+-.".utf8.contains($0) })
        else { throw SIPParseError(.malformedURI, at: base, "bad URI scheme") }
        let scheme = String(decoding: schemeBytes, as: UTF8.self)
        switch ValueChars.lower(scheme) {
        case "sip", "sips": return .sip(try SIPURI.parse(b, base: base))
        case "tel": return .tel(try TelURI.parse(b, base: base))
        default:
            let rest = b[(colon + 1)...]
            guard !rest.isEmpty else { throw SIPParseError(.malformedURI, at: base + rest.startIndex - b.startIndex, "empty URI") }
            // absoluteURI characters, plus "#", "[" and "]" seen in fragments and hosts.
            let allowed: ValueChars.Class = [.unreserved, .reserved]
            var i = rest.startIndex
            while i < rest.endIndex {
                let c = rest[i]
                let at = base + (i - b.startIndex)
                if c == UInt8(ascii: "%") {
                    guard i + 2 < rest.endIndex, ValueChars.hexValue(rest[i + 1]) != nil,
                          ValueChars.hexValue(rest[i + 2]) != nil
                    else { throw SIPParseError(.malformedURI, at: at, "bad percent-escape") }
                    i += 3
                    continue
                }
                guard ValueChars.is(c, allowed) || "#[]".utf8.contains(c) else {
                    throw SIPParseError(.malformedURI, at: at, "character not allowed in URI")
                }
                i += 1
            }
            return .other(scheme: scheme, text: String(decoding: rest, as: UTF8.self))
        }
    }
}
