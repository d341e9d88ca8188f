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
        self.reasonPhraseBytes = reasonPhrase.utf8.map { $0 == WireByte.cr || $0 == WireByte.lf ? WireByte.sp : $0 }
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
        get { WireByte.text( reasonPhraseBytes) }
        set { reasonPhraseBytes = newValue.utf8.map { $0 == WireByte.cr || $0 == WireByte.lf ? WireByte.sp : $0 } }
    }

    /// Whether `version` is SIP/2.0.
    public var isSIP20: Bool { VersionText.is20(version) }
}

extension SIPResponse: Equatable {
    /// Responses are equal when status line, header fields and body are equal, Content-Length
    /// fields left out (they are derived from the body).
    public static func == (a: SIPResponse, b: SIPResponse) -> Bool {
        a.statusCode == b.statusCode && a.reasonPhraseBytes == b.reasonPhraseBytes && a.version == b.version
            && a.body == b.body && a.headers.equalIgnoringFraming(b.headers)
    }
}
