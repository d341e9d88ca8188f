/// Something wrong with a message that parsed: a header value that does not follow its
/// grammar, a missing or repeated mandatory header, a CSeq that contradicts the method,
/// an unsupported SIP version. A UAS answers `statusCode`.
public struct SIPMessageProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Whether the message can still be processed.
    public enum Severity: Sendable, Equatable {
        /// The message cannot be processed: answer `statusCode` (a request) or drop it.
        case fatal
        /// Only a header an element may ignore is bad (RFC 4475 §3.1.2.12: a bad Date).
        case ignorable
    }

    /// The header's canonical name, `Request-URI`, or `nil` for the message as a whole.
    public var header: String?
    public var reason: String
    /// Byte offset in the message, where known.
    public var offset: Int?
    public var statusCode: Int
    public var severity: Severity

    public init(header: String?, reason: String, offset: Int? = nil, statusCode: Int = 400, severity: Severity = .fatal) {
        self.header = header
        self.reason = reason
        self.offset = offset
        self.statusCode = statusCode
        self.severity = severity
    }

    public var description: String {
        var text = header.map { "\($0): \(reason)" } ?? reason
        if let offset { text += " (at byte \(offset))" }
        return text
    }
}
