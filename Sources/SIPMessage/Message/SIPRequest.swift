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
    public var isSIP20: Bool { SIPVersion.is20(version) }
}

extension SIPRequest: Equatable {
    /// Requests are equal when start line, header fields and body are equal. Content-Length
    /// fields are left out: they are framing, derived from the body.
    public static func == (a: SIPRequest, b: SIPRequest) -> Bool {
        a.method == b.method && a.requestURI == b.requestURI && a.version == b.version
            && a.body == b.body && a.headers.equalIgnoringFraming(b.headers)
    }
}

/// A SIP response (RFC 3261 §7.2).
public struct SIPResponse: Sendable {
    public var version: String
    /// The status code, 100–699.
    public var statusCode: Int
    /// The Reason-Phrase exactly as received (any UTF-8, possibly empty).
    public var reasonPhraseBytes: [UInt8]
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(
        statusCode: Int, reasonPhrase: String, version: String = "SIP/2.0",
        headers: SIPHeaders = SIPHeaders(), body: [UInt8] = []
    ) {
        self.version = version
        self.statusCode = statusCode
        self.reasonPhraseBytes = reasonPhrase.utf8.map { $0 == Byte.cr || $0 == Byte.lf ? Byte.sp : $0 }
        self.headers = headers
        self.body = body
    }

    init(version: String, statusCode: Int, reasonPhraseBytes: [UInt8], headers: SIPHeaders, body: [UInt8]) {
        self.version = version
        self.statusCode = statusCode
        self.reasonPhraseBytes = reasonPhraseBytes
        self.headers = headers
        self.body = body
    }

    /// The Reason-Phrase as text (invalid UTF-8 shown as U+FFFD).
    public var reasonPhrase: String {
        get { String(utf8Bytes: reasonPhraseBytes) }
        set { reasonPhraseBytes = newValue.utf8.map { $0 == Byte.cr || $0 == Byte.lf ? Byte.sp : $0 } }
    }

    /// Whether `version` is SIP/2.0.
    public var isSIP20: Bool { SIPVersion.is20(version) }
}

extension SIPResponse: Equatable {
    /// Responses are equal when status line, header fields and body are equal, Content-Length
    /// fields left out (they are derived from the body).
    public static func == (a: SIPResponse, b: SIPResponse) -> Bool {
        a.statusCode == b.statusCode && a.reasonPhraseBytes == b.reasonPhraseBytes && a.version == b.version
            && a.body == b.body && a.headers.equalIgnoringFraming(b.headers)
    }
}

enum SIPVersion {
    static func is20(_ version: String) -> Bool {
        let u = Array(version.utf8)
        return u.count == 7 && Byte.lower(u[0]) == 0x73 && Byte.lower(u[1]) == 0x69 && Byte.lower(u[2]) == 0x70
            && u[3...].elementsEqual("/2.0".utf8)
    }
}

extension SIPHeaders {
    /// Field-by-field equality, skipping Content-Length fields on both sides.
    func equalIgnoringFraming(_ other: SIPHeaders) -> Bool {
        let a = fields.lazy.filter { $0.nameID != HeaderName.contentLength }
        let b = other.fields.lazy.filter { $0.nameID != HeaderName.contentLength }
        return a.elementsEqual(b)
    }
}
