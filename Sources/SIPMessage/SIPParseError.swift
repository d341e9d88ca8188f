/// Why a SIP message, URI or header value was refused, and where.
///
/// Parsers in this module never trap on input: every refusal is one of these, with the
/// byte offset (from the start of the text handed to the parser) where reading stopped.
public struct SIPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stable category tests and callers can match on; `reason` says the detail.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var kind: Kind
    public var offset: Int
    public var reason: String

    public init(_ kind: Kind, at offset: Int, _ reason: String) {
        self.kind = kind
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(reason) (at byte \(offset))" }

    /// The same error, with its offset moved by `base`: a value parser reports offsets
    /// within the value, the message parser adds where the value starts.
    public func shifted(by base: Int) -> SIPParseError {
        SIPParseError(kind, at: offset + base, reason)
    }
}

extension SIPParseError.Kind {
    public static let malformedStartLine = Self(rawValue: "malformed-start-line")
    public static let malformedHeader = Self(rawValue: "malformed-header")
    public static let malformedURI = Self(rawValue: "malformed-uri")
    public static let malformedValue = Self(rawValue: "malformed-value")
    public static let missingHeader = Self(rawValue: "missing-header")
    public static let badContentLength = Self(rawValue: "bad-content-length")
    public static let truncated = Self(rawValue: "truncated")
    public static let tooLarge = Self(rawValue: "too-large")
    public static let tooManyHeaders = Self(rawValue: "too-many-headers")
    public static let headerTooLong = Self(rawValue: "header-too-long")
    public static let invalidEncoding = Self(rawValue: "invalid-encoding")
}
