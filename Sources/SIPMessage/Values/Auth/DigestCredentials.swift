/// Digest credentials from Authorization or Proxy-Authorization
/// (RFC 3261 §22.4, §25; RFC 7616 §3.4; RFC 8760).
public struct DigestCredentials: SIPValueParsable {
    /// The user name, or its hash when `userhash` is true.
    public var username: String
    public var realm: String
    public var nonce: String
    /// `uri=`, the Request-URI as the client wrote it.
    public var uri: String
    /// `response=`, the request digest in hex.
    public var response: String
    public var algorithm: DigestAlgorithm?
    public var cnonce: String?
    public var opaque: String?
    /// `qop=`, the one option chosen (`auth`).
    public var qop: String?
    /// `nc=`, the nonce count (eight hex digits on the wire).
    public var nonceCount: UInt32?
    public var userhash: Bool?
    /// Other auth-params, in order.
    public var otherParameters: [GenericParameter]

    public init(username: String, realm: String, nonce: String, uri: String, response: String,
                algorithm: DigestAlgorithm? = nil, cnonce: String? = nil, opaque: String? = nil,
                qop: String? = nil, nonceCount: UInt32? = nil, userhash: Bool? = nil,
                otherParameters: [GenericParameter] = []) {
        self.username = username
        self.realm = realm
        self.nonce = nonce
        self.uri = uri
        self.response = response
        self.algorithm = algorithm
        self.cnonce = cnonce
        self.opaque = opaque
        self.qop = qop
        self.nonceCount = nonceCount
        self.userhash = userhash
        self.otherParameters = otherParameters
    }

    /// `nc` as the wire writes it: eight lower-case hex digits.
    public static func formatNonceCount(_ n: UInt32) -> String {
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// username, realm, nonce, uri, response, cnonce and opaque quoted; algorithm, qop,
    /// nc and userhash as tokens (RFC 7616 §3.4).
    public var description: String {
        var p = [
            authParam("username", username, quoted: true), authParam("realm", realm, quoted: true),
            authParam("nonce", nonce, quoted: true), authParam("uri", uri, quoted: true),
            authParam("response", response, quoted: true),
        ]
        if let algorithm { p.append(authToken("algorithm", algorithm.description)) }
        if let cnonce { p.append(authParam("cnonce", cnonce, quoted: true)) }
        if let opaque { p.append(authParam("opaque", opaque, quoted: true)) }
        if let qop { p.append(authToken("qop", qop)) }
        if let nonceCount { p.append("nc=\(DigestCredentials.formatNonceCount(nonceCount))") }
        if let userhash { p.append("userhash=\(userhash ? "true" : "false")") }
        p += otherParameters.map(\.description)
        return "Digest " + p.joined(separator: ", ")
    }

    /// Parses Digest credentials; another scheme is an error (use `AuthCredentials`).
    public static func parse(_ text: Substring) throws(SIPParseError) -> DigestCredentials {
        var h = try AuthHeaderText.read(text) { ValueChars.equalFolded($0, "Digest") }
        guard ValueChars.equalFolded(h.scheme, "Digest") else {
            throw SIPParseError(.malformedValue, at: 0, "not Digest credentials")
        }
        return try from(&h)
    }

    static func from(_ h: inout AuthHeaderText) throws(SIPParseError) -> DigestCredentials {
        let ncAt = h.offset(of: "nc"), hashAt = h.offset(of: "userhash"), qopAt = h.offset(of: "qop")
        let what = "Digest credentials"
        let username = try h.require("username", what)
        let realm = try h.require("realm", what)
        let nonce = try h.require("nonce", what)
        let uri = try h.require("uri", what)
        let response = try h.require("response", what)
        var nc: UInt32?, userhash: Bool?
        if let v = h.take("nc") {
            guard v.utf8.count == 8, let n = UInt32(v, radix: 16), v.utf8.allSatisfy({ ValueChars.hexValue($0) != nil }) else {
                throw SIPParseError(.malformedValue, at: ncAt, "nc must be eight hex digits")
            }
            nc = n
        }
        if let v = h.take("userhash") {
            guard let b = parseAuthBool(v) else { throw SIPParseError(.malformedValue, at: hashAt, "userhash must be true or false") }
            userhash = b
        }
        let qop = h.take("qop")
        if let qop, !ValueChars.isToken(qop) { throw SIPParseError(.malformedValue, at: qopAt, "qop must be a token") }
        let cnonce = h.take("cnonce")
        if qop != nil && (cnonce == nil || nc == nil) {
            throw SIPParseError(.malformedValue, at: qopAt, "qop needs cnonce and nc")
        }
        return DigestCredentials(
            username: username, realm: realm, nonce: nonce, uri: uri, response: response,
            algorithm: h.take("algorithm").map(DigestAlgorithm.init), cnonce: cnonce, opaque: h.take("opaque"),
            qop: qop, nonceCount: nc, userhash: userhash, otherParameters: h.params.list)
    }
}

/// An Authorization / Proxy-Authorization value: Digest, or another scheme kept as text.
public enum AuthCredentials: SIPValueParsable {
    case digest(DigestCredentials)
    /// Another scheme (`Bearer`, `Basic` …) and its parameters as received.
    case other(scheme: String, parameters: String)

    public var description: String {
        switch self {
        case .digest(let d): d.description
        case .other(let scheme, let parameters): parameters.isEmpty ? scheme : "\(scheme) \(parameters)"
        }
    }

    /// Parses `credentials`: Digest parsed, any other scheme kept as text.
    public static func parse(_ text: Substring) throws(SIPParseError) -> AuthCredentials {
        var h = try AuthHeaderText.read(text) { ValueChars.equalFolded($0, "Digest") }
        guard ValueChars.equalFolded(h.scheme, "Digest") else {
            return .other(scheme: h.scheme, parameters: h.parametersText)
        }
        return .digest(try DigestCredentials.from(&h))
    }
}
