/// A SIP message: a request or a response (RFC 3261 §7).
///
/// `parse` reads one message from a datagram; `SIPStreamFramer` cuts messages out of a
/// TCP/TLS byte stream. `serialized()` writes it back.
public enum SIPMessage: Sendable, Equatable {
    case request(SIPRequest)
    case response(SIPResponse)

    public var headers: SIPHeaders {
        get {
            switch self {
            case .request(let r): r.headers
            case .response(let r): r.headers
            }
        }
        set {
            switch self {
            case .request(var r):
                r.headers = newValue
                self = .request(r)
            case .response(var r):
                r.headers = newValue
                self = .response(r)
            }
        }
    }

    public var body: [UInt8] {
        get {
            switch self {
            case .request(let r): r.body
            case .response(let r): r.body
            }
        }
        set {
            switch self {
            case .request(var r):
                r.body = newValue
                self = .request(r)
            case .response(var r):
                r.body = newValue
                self = .response(r)
            }
        }
    }

    public var request: SIPRequest? {
        if case .request(let r) = self { return r }
        return nil
    }

    public var response: SIPResponse? {
        if case .response(let r) = self { return r }
        return nil
    }

    /// Whether the SIP-Version is SIP/2.0.
    public var isSIP20: Bool {
        switch self {
        case .request(let r): r.isSIP20
        case .response(let r): r.isSIP20
        }
    }

    /// Parses one message received as a datagram (RFC 3261 §18.3): without Content-Length
    /// the body is the rest of the datagram; a Content-Length larger than what remains is
    /// an error; bytes beyond Content-Length are ignored. CRLFs before the start line are
    /// skipped. Header values are not interpreted beyond Content-Length.
    public static func parse(_ bytes: [UInt8], limits: SIPLimits = .init()) throws(SIPParseError) -> SIPMessage {
        guard bytes.count <= limits.maxMessageSize else {
            throw SIPParseError(.tooLarge, at: limits.maxMessageSize, "message larger than \(limits.maxMessageSize) bytes")
        }
        let head = try MessageHead.parse(bytes, from: 0, limits: limits)
        let remaining = bytes.count - head.bodyStart
        let length: Int
        if let declared = head.contentLength {
            guard declared <= remaining else {
                throw SIPParseError(
                    .badContentLength, at: head.contentLengthOffset,
                    "Content-Length \(declared) is larger than the \(remaining) bytes after the header")
            }
            length = declared
        } else {
            length = remaining
        }
        let body = Array(bytes[head.bodyStart..<(head.bodyStart + length)])
        return head.message(body: body)
    }

    /// Parses `text` as a datagram; convenience for tests and tools.
    public static func parse(_ text: String, limits: SIPLimits = .init()) throws(SIPParseError) -> SIPMessage {
        try parse(Array(text.utf8), limits: limits)
    }

    /// The headers a request or response needs (RFC 3261 §8.1.1, §8.2.6) that this message
    /// lacks: To, From, CSeq, Call-ID, Via, and Max-Forwards for requests. Parsing does not
    /// require them (RFC 4475 §3.3.1 treats their absence as an application-level fault).
    public var missingMandatoryHeaders: [String] {
        var required = ["To", "From", "CSeq", "Call-ID", "Via"]
        if case .request = self { required.append("Max-Forwards") }
        let h = headers
        return required.filter { !h.contains($0) }
    }
}
