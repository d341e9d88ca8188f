import SIPMessage

/// Identifies the flow a message arrived on, so the layer above can answer over it or pin
/// later requests to it (RFC 5626 §3.2: requests to a registrar go over the registration's
/// flow).
///
/// A connection flow is one TCP/TLS connection, opened by either side; it ends when the
/// connection closes. A datagram flow is a (local UDP listener, remote address) pair and
/// needs no state: it stays usable while the listener is open.
public struct FlowID: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case connection(UInt64)
        case datagram(listener: Int, remote: SIPTarget)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// Whether the flow is a TCP or TLS connection.
    public var isConnection: Bool {
        if case .connection = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .connection(let n): "conn#\(n)"
        case .datagram(let listener, let remote): "udp#\(listener)->\(remote)"
        }
    }
}

/// One bound listening socket.
public struct BoundListener: Sendable, Hashable, CustomStringConvertible {
    /// Index in the layer's listener list.
    public var index: Int
    public var spec: ListenSpec
    /// The bound address (wildcards stay wildcards) and port (ephemeral ports resolved).
    public var address: String
    public var port: UInt16

    public var transport: SIPTransport { spec.transport }
    public var isIPv6: Bool { address.contains(":") }
    public var isWildcard: Bool { address == "0.0.0.0" || address == "::" }

    public var description: String {
        "\(transport.description.lowercased()):\(isIPv6 ? "[\(address)]" : address):\(port)"
    }
}

/// A message the transport received.
public struct ReceivedMessage: Sendable {
    /// For requests, with `received`/`rport` already applied to the top Via (§18.2.1, RFC 3581).
    public var message: SIPMessage
    /// The address and port the bytes came from, with the transport they came over.
    public var source: SIPTarget
    /// The flow to answer over or pin to.
    public var flow: FlowID
    /// The listener it arrived on; for connections we opened, the listener of that
    /// transport and family (nil when there is none: a client-only transport).
    public var listener: BoundListener?
}
