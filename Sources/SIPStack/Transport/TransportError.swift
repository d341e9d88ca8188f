/// A transport failure, as a send's error and as the reason of a `flowDown` event.
///
/// Its scope is one flow (a connection, or a UDP destination): the transaction that used
/// it fails with 503 semantics (RFC 3261 §8.1.3.1); other flows are unaffected.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case connectionRefused
    case connectionReset
    /// The peer closed the connection while something still used it.
    case connectionClosed
    case tlsHandshakeFailed(String)
    /// The peer's certificate did not verify (chain, expiry or host name).
    case certificateInvalid(String)
    case timeout
    /// A message on a stream exceeded `SIPLimits.maxMessageSize`; the connection was closed.
    case messageTooLarge
    /// The stream carried bytes that are not SIP; the connection was closed.
    case malformedStream(String)
    /// ICMP said the destination is unreachable (port or host).
    case unreachable
    /// No listener can reach the target (no listener of that transport and address family).
    case noListener(String)
    /// The flow named in a send no longer exists.
    case flowNotFound
    /// The layer is shut down.
    case shutDown
    /// Anything else the socket reported.
    case other(String)

    public var description: String {
        switch self {
        case .connectionRefused: "connection refused"
        case .connectionReset: "connection reset"
        case .connectionClosed: "connection closed"
        case .tlsHandshakeFailed(let r): "TLS handshake failed: \(r)"
        case .certificateInvalid(let r): "certificate invalid: \(r)"
        case .timeout: "timed out"
        case .messageTooLarge: "message too large"
        case .malformedStream(let r): "malformed stream: \(r)"
        case .unreachable: "destination unreachable"
        case .noListener(let r): "no listener: \(r)"
        case .flowNotFound: "flow not found"
        case .shutDown: "transport shut down"
        case .other(let r): r
        }
    }
}
