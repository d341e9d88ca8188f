/// Digest algorithms (RFC 7616 §6.1, RFC 8760); unknown names are kept.
public enum DigestAlgorithm: Sendable, Hashable, CustomStringConvertible {
    case md5, md5Sess, sha256, sha256Sess, sha512_256, sha512_256Sess
    case other(String)

    /// Recognizes names case-insensitively.
    public init(_ name: String) {
        switch ValueChars.lower(name) {
        case "md5": self = .md5
        case "md5-sess": self = .md5Sess
        case "sha-256": self = .sha256
        case "sha-256-sess": self = .sha256Sess
        case "sha-512-256": self = .sha512_256
        case "sha-512-256-sess": self = .sha512_256Sess
        default: self = .other(name)
        }
    }

    public var description: String {
        switch self {
        case .md5: "MD5"
        case .md5Sess: "MD5-sess"
        case .sha256: "SHA-256"
        case .sha256Sess: "SHA-256-sess"
        case .sha512_256: "SHA-512-256"
        case .sha512_256Sess: "SHA-512-256-sess"
        case .other(let name): name
        }
    }

    /// Whether this is a `-sess` variant (A1 includes the nonces).
    public var isSession: Bool {
        switch self {
        case .md5Sess, .sha256Sess, .sha512_256Sess: true
        default: false
        }
    }
}

/// What the auth parsers read before picking out the parameters they know.
struct AuthHeaderText {
    var scheme: String
    /// Where the parameters start, and the text from there.
    var parametersOffset: Int
    var parametersText: String
    var params = ReadParameters()

    /// Reads `auth-scheme LWS …`; for Digest (`parseParameters`) also the
    /// `auth-param *( COMMA auth-param )` list, refusing duplicate names.
    static func read(_ text: Substring, parseParameters: (String) -> Bool) throws(SIPParseError) -> AuthHeaderText {
        var c = ValueCursor(text)
        c.skipSpace()
        let scheme = try c.token("authentication scheme")
        let before = c.pos
        c.skipSpace()
        if !c.atEnd && c.pos == before { throw c.error("expected white space after the scheme") }
        var end = c.bytes.count
        while end > c.pos, ValueChars.isWhitespace(c.bytes[end - 1]) { end -= 1 }
        var out = AuthHeaderText(scheme: scheme, parametersOffset: c.pos, parametersText: c.plainText(c.pos..<end))
        guard parseParameters(scheme) else { return out }
        // Duplicates: a scan of the few parameters real headers carry; past 32, a set of
        // lower-cased names, so hostile lists still take linear time.
        var seen: Set<String> = []
        while true {
            // Empty list elements are tolerated (RFC 7230 §7).
            c.skipSpace()
            var sawComma = false
            while c.take(",") { sawComma = true; c.skipSpace() }
            if c.atEnd { break }
            if !out.params.list.isEmpty && !sawComma { throw c.error("expected \",\" between parameters") }
            let at = c.offset
            let name = try c.token("parameter name")
            guard c.takeSeparator("=") else { throw c.error("expected \"=\" after \(name)") }
            let value: String
            let quoted: Bool
            if c.peek(is: "\"") {
                value = try c.quotedString()
                quoted = true
            } else {
                value = try c.token("value of \(name)")
                quoted = false
            }
            let list = out.params.list
            if list.count == 32 { seen = Set(list.map { ValueChars.lower($0.name) }) }
            let duplicate = list.count < 32 ? list.contains(named: name) : !seen.insert(ValueChars.lower(name)).inserted
            if duplicate {
                throw SIPParseError(.malformedValue, at: at, "duplicate parameter \(name)")
            }
            out.params.list.append(GenericParameter(name, value, quoted: quoted))
            out.params.offsets.append(at)
        }
        return out
    }

    /// Removes and returns the value of `name`.
    mutating func take(_ name: String) -> String? {
        guard let i = params.list.firstIndex(where: { ValueChars.equalFolded($0.name, name) }) else { return nil }
        params.offsets.remove(at: i)
        return params.list.remove(at: i).value
    }

    /// Removes `name`, which must be present.
    mutating func require(_ name: String, _ what: String) throws(SIPParseError) -> String {
        guard let v = take(name) else {
            throw SIPParseError(.malformedValue, at: parametersOffset, "\(what) needs \(name)")
        }
        return v
    }

    /// The offset of `name` (before it is taken), for errors.
    func offset(of name: String) -> Int { params.offset(of: name) ?? parametersOffset }
}

/// Parses `true` / `false` of `stale` and `userhash`.
func parseAuthBool(_ value: String) -> Bool? {
    if ValueChars.equalFolded(value, "true") { return true }
    if ValueChars.equalFolded(value, "false") { return false }
    return nil
}

/// `, name="value"` for the serializers.
func authParam(_ name: String, _ value: String, quoted: Bool) -> String {
    quoted ? "\(name)=\(quoteString(value))" : "\(name)=\(value)"
}

/// `name=value` for a parameter sent as a token; quoted after all if a value received
/// quoted is not a token, so that the output still parses.
func authToken(_ name: String, _ value: String) -> String {
    authParam(name, value, quoted: !ValueChars.isToken(value))
}
