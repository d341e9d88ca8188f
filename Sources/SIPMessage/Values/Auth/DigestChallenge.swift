/// A Digest challenge from WWW-Authenticate or Proxy-Authenticate
/// (RFC 3261 §22.4, §25; RFC 7616 §3.3; RFC 8760).
public struct DigestChallenge: SIPValueParsable {
    public var realm: String
    /// `domain=`: space-separated URIs, as received.
    public var domain: String?
    public var nonce: String
    public var opaque: String?
    /// `stale=`; nil when absent.
    public var stale: Bool?
    /// nil when absent (which means MD5).
    public var algorithm: DigestAlgorithm?
    /// `qop=` options (`auth`, `auth-int`); nil when absent.
    public var qopOptions: [String]?
    public var charset: String?
    /// `userhash=` (RFC 7616); nil when absent.
    public var userhash: Bool?
    /// Other auth-params, in order.
    public var otherParameters: [GenericParameter]

    public init(realm: String, domain: String? = nil, nonce: String, opaque: String? = nil, stale: Bool? = nil,
                algorithm: DigestAlgorithm? = nil, qopOptions: [String]? = nil, charset: String? = nil,
                userhash: Bool? = nil, otherParameters: [GenericParameter] = []) {
        self.realm = realm
        self.domain = domain
        self.nonce = nonce
        self.opaque = opaque
        self.stale = stale
        self.algorithm = algorithm
        self.qopOptions = qopOptions
        self.charset = charset
        self.userhash = userhash
        self.otherParameters = otherParameters
    }

    /// `Digest realm="…", nonce="…", …`: realm, domain, nonce, opaque and qop quoted;
    /// stale, algorithm, charset and userhash as tokens (RFC 7616 §3.3).
    public var description: String {
        var p = [authParam("realm", realm, quoted: true)]
        if let domain { p.append(authParam("domain", domain, quoted: true)) }
        p.append(authParam("nonce", nonce, quoted: true))
        if let opaque { p.append(authParam("opaque", opaque, quoted: true)) }
        if let stale { p.append("stale=\(stale ? "true" : "false")") }
        if let algorithm { p.append(authToken("algorithm", algorithm.description)) }
        if let qopOptions { p.append(authParam("qop", qopOptions.joined(separator: ","), quoted: true)) }
        if let charset { p.append(authToken("charset", charset)) }
        if let userhash { p.append("userhash=\(userhash ? "true" : "false")") }
        p += otherParameters.map(\.description)
        return "Digest " + p.joined(separator: ", ")
    }

    /// Parses a Digest challenge; another scheme is an error (use `AuthChallenge`).
    public static func parse(_ text: Substring) throws(SIPParseError) -> DigestChallenge {
        var h = try AuthHeaderText.read(text) { ValueChars.equalFolded($0, "Digest") }
        guard ValueChars.equalFolded(h.scheme, "Digest") else {
            throw SIPParseError(.malformedValue, at: 0, "not a Digest challenge")
        }
        return try from(&h)
    }

    static func from(_ h: inout AuthHeaderText) throws(SIPParseError) -> DigestChallenge {
        let staleAt = h.offset(of: "stale"), hashAt = h.offset(of: "userhash"), qopAt = h.offset(of: "qop")
        let realm = try h.require("realm", "a Digest challenge")
        let nonce = try h.require("nonce", "a Digest challenge")
        var stale: Bool?, userhash: Bool?, qop: [String]?
        if let v = h.take("stale") {
            guard let b = parseAuthBool(v) else { throw SIPParseError(.malformedValue, at: staleAt, "stale must be true or false") }
            stale = b
        }
        if let v = h.take("userhash") {
            guard let b = parseAuthBool(v) else { throw SIPParseError(.malformedValue, at: hashAt, "userhash must be true or false") }
            userhash = b
        }
        if let v = h.take("qop") {
            let options = v.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
            guard !options.isEmpty, options.allSatisfy(ValueChars.isToken) else {
                throw SIPParseError(.malformedValue, at: qopAt, "qop must list tokens")
            }
            qop = options
        }
        return DigestChallenge(
            realm: realm, domain: h.take("domain"), nonce: nonce, opaque: h.take("opaque"), stale: stale,
            algorithm: h.take("algorithm").map(DigestAlgorithm.init), qopOptions: qop, charset: h.take("charset"),
            userhash: userhash, otherParameters: h.params.list)
    }
}

/// A WWW-Authenticate / Proxy-Authenticate value: Digest, or another scheme kept as text.
public enum AuthChallenge: SIPValueParsable {
    case digest(DigestChallenge)
    /// Another scheme (`Bearer`, `Basic` …) and its parameters as received.
    case other(scheme: String, parameters: String)

    public var description: String {
        switch self {
        case .digest(let d): d.description
        case .other(let scheme, let parameters): parameters.isEmpty ? scheme : "\(scheme) \(parameters)"
        }
    }

    /// Parses `challenge`: Digest parsed, any other scheme kept as text.
    public static func parse(_ text: Substring) throws(SIPParseError) -> AuthChallenge {
        var h = try AuthHeaderText.read(text) { ValueChars.equalFolded($0, "Digest") }
        guard ValueChars.equalFolded(h.scheme, "Digest") else {
            return .other(scheme: h.scheme, parameters: h.parametersText)
        }
        return .digest(try DigestChallenge.from(&h))
    }
}
