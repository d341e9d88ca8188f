/// A `sip:` or `sips:` URI (RFC 3261 §19.1).
///
/// User and password are available both decoded (`user`, `password`) and as written
/// (`rawUser`, `rawPassword`); serialization uses the written form, so a parsed URI
/// prints as it came. Parameters and headers keep their order and escapes.
///
/// `==` and hashing compare the URI as written; `isEquivalent(to:)` applies the
/// RFC 3261 §19.1.4 rules (escapes, case, parameter presence).
public struct SIPURI: Sendable, Hashable, CustomStringConvertible {
    /// `sips:` rather than `sip:`.
    public var isSecure: Bool
    public private(set) var rawUser: String?
    public private(set) var rawPassword: String?
    private var decodedUser: String?
    private var decodedPassword: String?
    public var host: Host
    public var port: UInt16?
    public var parameters: [URIParameter]
    public var headers: [URIHeader]

    public init(secure: Bool = false, user: String? = nil, password: String? = nil, host: Host,
                port: UInt16? = nil, parameters: [URIParameter] = [], headers: [URIHeader] = []) {
        self.isSecure = secure
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
        self.user = user
        self.password = password
    }

    /// Builds from already-validated raw parts (the parser).
    init(secure: Bool, rawUser: String?, user: String?, rawPassword: String?, password: String?,
         host: Host, port: UInt16?, parameters: [URIParameter], headers: [URIHeader]) {
        self.isSecure = secure
        self.rawUser = rawUser
        self.decodedUser = user
        self.rawPassword = rawPassword
        self.decodedPassword = password
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
    }

    /// The user part, percent-escapes decoded. Setting it escapes what must be escaped.
    public var user: String? {
        get { decodedUser }
        set {
            decodedUser = newValue
            rawUser = newValue.map { Percent.encode($0, allowed: SIPURI.userChars) }
        }
    }

    /// The password, percent-escapes decoded. Setting it escapes what must be escaped.
    public var password: String? {
        get { decodedPassword }
        set {
            decodedPassword = newValue
            rawPassword = newValue.map { Percent.encode($0, allowed: SIPURI.passwordChars) }
        }
    }

    static let userChars: ValueChars.Class = [.unreserved, .userExtra]
    static let passwordChars: ValueChars.Class = [.unreserved, .passwordExtra]
    static let paramChars: ValueChars.Class = [.unreserved, .paramExtra]
    static let headerChars: ValueChars.Class = [.unreserved, .headerExtra]

    public var scheme: String { isSecure ? "sips" : "sip" }

    public var description: String {
        var out = scheme + ":"
        if let rawUser {
            out += rawUser
            if let rawPassword { out += ":" + rawPassword }
            out += "@"
        }
        out += host.description
        if let port { out += ":\(port)" }
        for p in parameters { out += ";\(p)" }
        for (i, h) in headers.enumerated() { out += (i == 0 ? "?" : "&") + h.description }
        return out
    }
}

// Typed access to the parameters RFC 3261 §19.1.1 defines.
extension SIPURI {
    /// The decoded value of the first parameter named `name`; `.some(nil)` for a flag.
    public func parameter(_ name: String) -> String?? {
        parameters.first(named: name).map { $0.decodedValue }
    }

    /// `transport=`; nil when absent.
    public var transport: SIPTransport? {
        (parameter("transport") ?? nil).map(SIPTransport.init)
    }

    /// `user=` (`phone`, `ip`, `dialstring` …).
    public var userParameter: String? { parameter("user") ?? nil }

    /// `method=`.
    public var method: String? { parameter("method") ?? nil }

    /// `ttl=` (0…255), validated at parse time.
    public var ttl: UInt8? {
        (parameter("ttl") ?? nil).flatMap { parseDecimal($0, max: 255) }.map { UInt8($0) }
    }

    /// `maddr=` as a host, validated at parse time.
    public var maddr: Host? {
        (parameter("maddr") ?? nil).flatMap { try? Host.parse($0) }
    }

    /// Whether the `lr` (loose routing) parameter is present.
    public var isLooseRouting: Bool { parameters.first(named: "lr") != nil }

    /// With `user=phone`, the user part read as a telephone number (RFC 3261 §19.1.6),
    /// e.g. `sip:+1-212-555-1212:1234@gateway.com;user=phone` → `tel:+1-212-555-1212`
    /// (a password is not part of it). Nil without `user=phone` or if the user part is
    /// not a valid `telephone-subscriber`.
    public var telephoneNumber: TelURI? {
        guard let userParameter, ValueChars.equalFolded(userParameter, "phone"), let user else { return nil }
        return try? TelURI.parse("tel:" + user)
    }
}
