import SIPMessage

/// Identifies one transaction, as RFC 3261 §17.1.3 (client) and §17.2.3 (server) match
/// messages to transactions.
///
/// - Client: the branch of the top Via and the CSeq method. A CANCEL shares its INVITE's
///   branch but is a separate transaction because its method differs.
/// - Server, RFC 3261 branch (`z9hG4bK` followed by something): branch, sent-by and method,
///   ACK counting as INVITE.
/// - Server, RFC 2543 requests (no cookie, or the bare cookie of RFC 4475 §3.2.1): the
///   Request-URI, From tag, Call-ID, CSeq, top Via and — for all but ACK — To tag of the
///   request. An ACK's To tag is checked against the final response's by the table.
public struct TransactionKey: Sendable, Hashable, CustomStringConvertible {
    public enum Role: Sendable, Hashable {
        case client, server
    }

    enum Identity: Sendable, Hashable {
        case branch(String, sentBy: String, method: String)
        case legacy(LegacyIdentity)
    }

    /// The RFC 2543 matching fields (§17.2.3).
    struct LegacyIdentity: Sendable, Hashable {
        var requestURI: String
        var toTag: String?
        var fromTag: String?
        var callID: String
        var cseqNumber: UInt32
        var method: String
        var topVia: String
    }

    public let role: Role
    let identity: Identity

    init(role: Role, identity: Identity) {
        self.role = role
        self.identity = identity
    }

    /// Whether this is an RFC 2543-style server key (matched without a usable branch).
    public var isLegacy: Bool {
        if case .legacy = identity { return true }
        return false
    }

    /// The method the transaction was created for (ACK is folded into INVITE).
    public var method: String {
        switch identity {
        case .branch(_, _, let method): method
        case .legacy(let legacy): legacy.method
        }
    }

    public var description: String {
        switch identity {
        case .branch(let branch, let sentBy, let method):
            role == .client ? "client \(method) \(branch)" : "server \(method) \(branch) \(sentBy)"
        case .legacy(let l):
            "server \(l.method) 2543 \(l.callID) \(l.cseqNumber)"
        }
    }
}

/// Why a message cannot be matched to a transaction.
public enum TransactionMatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No Via header, or an unreadable one.
    case badVia
    /// A client transaction needs an RFC 3261 branch in its top Via.
    case missingBranch
    /// No CSeq header, or an unreadable one.
    case badCSeq
    /// No Call-ID (needed to match an RFC 2543 request).
    case badCallID
    /// ACK never has a client transaction of its own (§17.1.1.3, §13.2.2.4).
    case ackHasNoTransaction

    public var description: String {
        switch self {
        case .badVia: "missing or malformed Via"
        case .missingBranch: "top Via has no RFC 3261 branch"
        case .badCSeq: "missing or malformed CSeq"
        case .badCallID: "missing or malformed Call-ID"
        case .ackHasNoTransaction: "ACK has no client transaction"
        }
    }
}
