import NIOCore
import SIPMessage

/// What the dialog layer needs besides transactions: sending the ACK for a 2xx, which is
/// a transaction of its own with no response (RFC 3261 §13.2.2.4, §17.1.1.3), and the 2xx
/// retransmissions of the UAS core. Next hops come from `nextHops(for:)`.
extension SIPStack {
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
