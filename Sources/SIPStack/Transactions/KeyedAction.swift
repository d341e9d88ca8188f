import SIPMessage

/// What the `TransactionTable` asks its owner to do.
public enum KeyedAction: Sendable, Equatable {
    /// An action of the live transaction `key` (send, timers, deliver, timeout …). Timers
    /// are per key: the owner arms `startTimer` under `key` and reports expiry with
    /// `TransactionTable.timerFired(key, timer)`. After `.terminated` the owner drops every
    /// timer of `key`.
    case transaction(TransactionKey, TransactionAction)
    /// A request that matched no transaction: server transaction `key` now exists for it
    /// and the TU answers through `TransactionTable.respond(key, _:)`.
    case newRequest(TransactionKey, SIPRequest)
    /// An ACK that matched no transaction: the ACK for a 2xx, for the dialog layer.
    case strayACK(SIPRequest)
    /// A 2xx to an INVITE that matched no transaction (a 2xx retransmission after timer M,
    /// or a forked 2xx): for the dialog layer, which ACKs it.
    case stray2xx(SIPResponse)
    /// Any other response that matched no transaction: dropped (RFC 3261 §18.1.2).
    case strayResponse(SIPResponse)
    /// A new request the table has no room for: the owner answers it 503 statelessly.
    case refused(SIPRequest)
    /// A message that cannot be matched (no usable Via, CSeq or Call-ID): a request gets a
    /// stateless 400 if possible; a response is dropped.
    case unmatchable(SIPMessage, TransactionMatchError)
}
