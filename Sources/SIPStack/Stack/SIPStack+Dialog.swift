import NIOCore
import SIPMessage

/// What the dialog layer needs besides transactions: finding next hops itself (to pick
/// a Contact for the transport in use) and sending the ACK for a 2xx, which is a
/// transaction of its own with no response (RFC 3261 §13.2.2.4, §17.1.1.3).
extension SIPStack {
    /// The next hops for `request`, as `send` would find them: the first Route (loose
    /// routing) or the Request-URI, located per RFC 3263.
    public func resolve(_ request: SIPRequest) async throws -> [SIPTarget] {
        try await resolveTargets(for: request)
    }

    /// Stamps a fresh Via on `ack` and sends it to the first target it can reach.
    public func sendACK(_ ack: SIPRequest, to targets: [SIPTarget]) async throws {
        var lastError: (any Error)? = StackError.noTargets("no target for the ACK")
        for target in targets {
            do {
                guard let sentBy = try await transport.sentBy(for: target) else {
                    lastError = StackError.transportFailed(target, "no local \(target.transport) listener")
                    continue
                }
                let stamped = ViaRules.stampTopVia(.request(ack), transport: target.transport, sentBy: sentBy)
                _ = try await transport.send(stamped, to: target)
                return
            } catch {
                lastError = error
            }
        }
        if let lastError { throw lastError }
    }

    /// Sends a response outside any transaction: a 2xx to an INVITE, retransmitted by the
    /// UAS core until the ACK comes (§13.3.1.4), over the flow its request came on.
    public func sendResponse(_ response: SIPResponse, requestFlow: FlowID) async throws {
        _ = try await transport.sendResponse(.response(response), requestFlow: requestFlow)
    }
}
