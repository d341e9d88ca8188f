import NIOCore
import SIPMessage

// What a registration needs to pick and hold its flow (RFC 5626 §3.2 in spirit): the next
// hops `send(_:)` would try, and a connection to one of them it can pin requests to.
extension SIPStack {
    /// The next hops for `request`, in the order `send(_:)` would try them: the first Route
    /// (loose routing) or the Request-URI, located per RFC 3263.
    public func nextHops(for request: SIPRequest) async throws -> [SIPTarget] {
        try await resolveTargets(for: request)
    }

    /// The open TCP/TLS connection to `target`, or a new one once it is up (TLS handshake
    /// done). Pass its flow to `send(_:to:over:)` to keep requests on it.
    public func connectionFlow(to target: SIPTarget) async throws -> FlowID {
        guard target.transport != .udp else {
            throw StackError.transportFailed(target, "UDP has no connection")
        }
        let id = try await eventLoop.flatSubmit { self.transport.connection(to: target) }.get()
        return FlowID(.connection(id))
    }
}
