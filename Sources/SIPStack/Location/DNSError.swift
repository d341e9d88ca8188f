/// Why a DNS message could not be read; `offset` is the byte where reading stopped.
public struct DNSParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case truncated
        case labelTooLong
        case nameTooLong
        case tooManyLabels
        case badPointer
        case pointerLoop
        case tooManyPointers
        case reservedLabelType
        case badRecordLength
        case tooManyRecords
        case notAResponse
        case idMismatch
        case questionMismatch
    }

    public var kind: Kind
    public var offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String { "DNS \(kind) at byte \(offset)" }
}

/// Why a name or query could not be encoded.
public struct DNSEncodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var reason: String
    public var description: String { "cannot encode DNS name \"\(name)\": \(reason)" }
}

/// Why a lookup failed.
public enum DNSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No nameserver answered within the timeout on any attempt.
    case timeout(DNSQuestion)
    /// The name does not exist (RCODE 3).
    case nameNotFound(DNSQuestion)
    /// A server answered with an error RCODE (SERVFAIL, REFUSED …).
    case serverFailure(DNSQuestion, rcode: UInt8)
    /// A server's answer could not be read.
    case malformed(DNSQuestion, DNSParseError)
    /// The query could not be built.
    case badName(DNSEncodeError)
    /// Sockets failed on every nameserver.
    case transport(DNSQuestion, String)

    public var description: String {
        switch self {
        case .timeout(let q): "DNS timeout for \(q)"
        case .nameNotFound(let q): "DNS name not found: \(q)"
        case .serverFailure(let q, let rcode): "DNS server failure (RCODE \(rcode)) for \(q)"
        case .malformed(let q, let e): "malformed DNS answer for \(q): \(e)"
        case .badName(let e): e.description
        case .transport(let q, let why): "DNS transport error for \(q): \(why)"
        }
    }
}
