/// One Via header element (RFC 3261 §20.42, §18.2.1; RFC 3581 `rport`; RFC 5118).
public struct Via: Sendable, Equatable, CustomStringConvertible {
    /// `SIP` in practice.
    public var protocolName: String
    /// `2.0` in practice.
    public var protocolVersion: String
    public var transport: SIPTransport
    public var host: Host
    public var port: UInt16?
    /// Parameters in order (`branch`, `received`, `rport`, `maddr`, `ttl`, others).
    public var parameters: [GenericParameter]

    public init(protocolName: String = "SIP", protocolVersion: String = "2.0", transport: SIPTransport,
                host: Host, port: UInt16? = nil, parameters: [GenericParameter] = []) {
        self.protocolName = protocolName
        self.protocolVersion = protocolVersion
        self.transport = transport
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    public var description: String {
        var out = "\(protocolName)/\(protocolVersion)/\(transport) \(host)"
        if let port { out += ":\(port)" }
        return out + parameters.serialized
    }

    /// `branch=` (`z9hG4bK…` for RFC 3261 clients).
    public var branch: String? { parameters.first(named: "branch")?.value }

    /// Whether the branch starts with the RFC 3261 magic cookie `z9hG4bK` (§8.1.1.7),
    /// so that it alone identifies the transaction (§17.2.3).
    public var hasRFC3261Branch: Bool { branch?.hasPrefix("z9hG4bK") ?? false }

    /// `received=`, an IPv4 or IPv6 address (brackets optional on input).
    public var received: Host? {
        parameters.first(named: "received")?.value.flatMap { Host.parseAddress($0[...]) }
    }

    /// `rport` (RFC 3581): absent, present without a value (a request for it), or a port.
    public var rport: RPort? {
        guard let p = parameters.first(named: "rport") else { return nil }
        guard let v = p.value else { return .requested }
        return parseDecimal(v, max: 65535).map { .port(UInt16($0)) }
    }

    public enum RPort: Sendable, Equatable {
        /// `;rport` — the client asks for the source port to be filled in.
        case requested
        /// `;rport=5060` — the port the server saw.
        case port(UInt16)
    }

    /// `maddr=`.
    public var maddr: Host? { parameters.first(named: "maddr")?.value.flatMap { try? Host.parse($0) } }

    /// `ttl=` (0…255).
    public var ttl: UInt8? {
        parameters.first(named: "ttl")?.value.flatMap { parseDecimal($0, max: 255) }.map { UInt8($0) }
    }
}

extension Via: SIPValueParsable {
    /// Parses `sent-protocol LWS sent-by *( SEMI via-params )`.
    public static func parse(_ text: Substring) throws(SIPParseError) -> Via {
        var c = ValueCursor(text)
        c.skipSpace()
        let name = try c.token("protocol name")
        guard c.takeSeparator("/") else { throw c.error("expected \"/\" after the protocol name") }
        let version = try c.token("protocol version")
        guard c.takeSeparator("/") else { throw c.error("expected \"/\" after the protocol version") }
        let transport = SIPTransport(try c.token("transport"))
        let beforeSpace = c.pos
        c.skipSpace()
        guard c.pos > beforeSpace else { throw c.error("expected white space before sent-by") }

        // sent-by = host [ COLON port ]
        let hostStart = c.pos
        if c.peek(is: "[") {
            _ = c.span { $0 != UInt8(ascii: "]") }
            try c.expect("]", "unterminated IPv6 reference")
        } else {
            _ = c.span { ValueChars.is($0, .alnum) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        }
        let host = try Host.parse(c.bytes[hostStart..<c.pos], base: c.base + hostStart)
        var port: UInt16?
        if c.takeSeparator(":") {
            var i = c.pos
            port = try SIPURI.parsePort(c.bytes[...], &i, base: c.base)
            c.pos = i
        }
        let params = try c.trailingParameters(after: "the Via value")
        try validate(params)
        return Via(protocolName: name, protocolVersion: version, transport: transport, host: host, port: port,
                   parameters: params.list)
    }

    private static func validate(_ p: ReadParameters) throws(SIPParseError) {
        try p.requireNumber("ttl", max: 255)
        for (param, at) in zip(p.list, p.offsets) {
            func bad(_ reason: String) -> SIPParseError { SIPParseError(.malformedValue, at: at, reason) }
            switch ValueChars.lower(param.name) {
            case "received":
                guard let v = param.value, Host.parseAddress(v[...]) != nil else { throw bad("received must be an IP address") }
            case "rport":
                if let v = param.value, parseDecimal(v, max: 65535) == nil { throw bad("rport must be a port number") }
            case "maddr":
                guard let v = param.value, (try? Host.parse(v)) != nil else { throw bad("maddr must be a host") }
            case "branch":
                guard param.value != nil else { throw bad("branch needs a value") }
            default:
                break
            }
        }
    }
}
