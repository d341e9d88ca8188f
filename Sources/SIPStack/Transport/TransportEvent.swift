import SIPMessage

/// What the transport layer tells its owner. Delivered on the layer's event loop, in order.
public enum TransportEvent: Sendable {
    case messageReceived(ReceivedMessage)
    /// A connection was established (by us or by the peer).
    case flowUp(FlowID, remote: SIPTarget)
    /// A connection closed or failed; `error` is nil for an orderly close (or idle reaping).
    /// For UDP, an ICMP error on a destination is reported as `.unreachable`.
    case flowDown(FlowID, error: TransportError?)
    /// A keep-alive ping got its pong (RFC 5626 §4.4.1).
    case keepAliveAnswered(FlowID)
    /// A response to one of our requests carried `received`/`rport` that differ from the
    /// sent-by we used: this is how the outside sees us (RFC 3581 §9, RFC 5626 §4.4).
    case publicAddressLearned(PublicAddress, flow: FlowID)
    /// A STUN message arrived on a UDP listener (the answer to `sendSTUN`).
    case stunReceived([UInt8], from: SIPTarget)
    /// Input that could not be parsed or framed was dropped (see `counters`).
    case inputDropped(source: SIPTarget, reason: String)
}

/// Running totals, for the debug pane and tests.
public struct TransportCounters: Sendable, Equatable {
    public var messagesReceived = 0
    public var messagesSent = 0
    public var bytesReceived = 0
    public var bytesSent = 0
    /// Datagrams or stream input that did not parse, and were dropped.
    public var unparseableDropped = 0
    public var connectionsOpened = 0
    public var connectionsAccepted = 0
    public var connectionsClosed = 0
    public var keepAlivesSent = 0
    public var keepAlivePongsReceived = 0
    public var keepAlivePingsAnswered = 0
    public var sendFailures = 0
    public init() {}
}
