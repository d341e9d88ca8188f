/// A SIP request (RFC 3261 §7.1).
public struct SIPRequest: Sendable {
    public var method: SIPMethod
    /// The Request-URI as received. It is only checked to be one whitespace-free token
    /// starting with a URI scheme; `SIPURI.parse` reads it further.
    public var requestURI: String
    /// The SIP-Version, e.g. `SIP/2.0`. Other versions parse so the UA can answer 505.
    public var version: String
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(
        method: SIPMethod, requestURI: String, version: String = "SIP/2.0",
        headers: SIPHeaders = SIPHeaders(), body: [UInt8] = []
    ) {
        self.method = method
        self.requestURI = requestURI
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// Whether `version` is SIP/2.0 (the protocol name compared without regard to case).
    public var isSIP20: Bool { VersionText.is20(version) }
}

extension SIPRequest: Equatable {
    /// Requests are equal when start line, header fields and body are equal. Content-Length
    /// fields are left out: they are framing, derived from the body.
    public static func == (a: SIPRequest, b: SIPRequest) -> Bool {
        a.method == b.method && a.requestURI == b.requestURI && a.version == b.version
            && a.body == b.body && a.headers.equalIgnoringFraming(b.headers)
    }
}
