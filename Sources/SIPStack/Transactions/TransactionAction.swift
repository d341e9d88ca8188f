import SIPMessage

/// What a transaction machine asks its owner to do. The owner performs the I/O and runs
/// the timers; it feeds timer expiries and transport errors back as events.
public enum TransactionAction: Sendable, Equatable {
    /// Hand this message to the transport (a request, its retransmission, an ACK or a
    /// response).
    case send(SIPMessage)
    /// Arm `timer`, replacing it if it is already armed.
    case startTimer(TransactionTimer, after: Duration)
    /// Disarm `timer` if armed.
    case cancelTimer(TransactionTimer)
    /// Pass a response up to the TU (client transactions). In the client INVITE "Accepted"
    /// state this carries 2xx retransmissions, which the dialog layer must ACK itself.
    case deliver(SIPResponse)
    /// Pass the request that created a server transaction up to the TU.
    case deliverRequest(SIPRequest)
    /// Pass an ACK for a 2xx up to the TU (server INVITE "Accepted" state, RFC 6026 §8.7).
    case deliverACK(SIPRequest)
    /// The transaction timed out (B, F or H): the TU treats it as a 408 / failed call.
    case timeout
    /// The transport reported an error for this transaction (RFC 3261 §17.1.4, §17.2.4).
    case transportFailed
    /// The transaction is over; the owner drops it and every timer it armed.
    case terminated
}
