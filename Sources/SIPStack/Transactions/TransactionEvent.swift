import SIPMessage

/// Inputs of a client transaction (both INVITE and non-INVITE).
public enum ClientTransactionEvent: Sendable, Equatable {
    /// Send the request the transaction was made with.
    case start
    /// A response matched to this transaction (§17.1.3).
    case response(SIPResponse)
    case timerFired(TransactionTimer)
    /// The transport could not send a message of this transaction.
    case transportError
}

/// Inputs of a server transaction (both INVITE and non-INVITE).
public enum ServerTransactionEvent: Sendable, Equatable {
    /// The request that creates the transaction arrived: pass it to the TU.
    case start
    /// A request matched to this transaction (§17.2.3): a retransmission, or an ACK.
    case request(SIPRequest)
    /// The TU answers with this response.
    case respond(SIPResponse)
    case timerFired(TransactionTimer)
    /// The transport could not send a response of this transaction.
    case transportError
}

extension ClientTransactionEvent: CustomStringConvertible {
    public var description: String {
        switch self {
        case .start: "start"
        case .response(let r): "\(r.statusCode) received"
        case .timerFired(let t): "timer \(t)"
        case .transportError: "transport error"
        }
    }
}

extension ServerTransactionEvent: CustomStringConvertible {
    public var description: String {
        switch self {
        case .start: "request received"
        case .request(let r): "\(r.method) received"
        case .respond(let r): "\(r.statusCode) from TU"
        case .timerFired(let t): "timer \(t)"
        case .transportError: "transport error"
        }
    }
}
