import NIOCore
import SIPMessage

/// STUN on the SIP socket (RFC 5626 §4.4.2, RFC 8489): a Binding request to a STUN server
/// from the UDP listener that sends SIP, so the answer names the public address of that
/// very socket, for the Contact when the registrar gives no `received`/`rport`. The
/// messages are opaque bytes here; the user agent codes them (the NAT target).
extension SIPTransportLayer {
    /// Whether a datagram is STUN rather than SIP (RFC 7983 §7: first byte 0–3, and the
    /// magic cookie of RFC 8489 §5).
    static func isSTUN(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 20 && bytes[0] < 4 && bytes[4] == 0x21 && bytes[5] == 0x12 && bytes[6] == 0xA4 && bytes[7] == 0x42
    }

    /// Closes every TCP/TLS connection: after the NAT mapped us anew (a new public
    /// address) they ride on a mapping that is gone, and a request written on one would be
    /// lost until TCP gave up. The next request opens a new one.
    public func closeAllConnections() -> EventLoopFuture<Void> {
        eventLoop.flatSubmit {
            let closing = self.connections.values.map { $0.channel.close().recover { _ in } }
            return EventLoopFuture.andAllComplete(closing, on: self.eventLoop)
        }
    }

    /// Sends `bytes` (a STUN message) to a UDP target from the listener SIP would use.
    public func sendSTUN(_ bytes: [UInt8], to target: SIPTarget) -> EventLoopFuture<Void> {
        eventLoop.flatSubmit {
            guard target.transport == .udp, let l = self.listener(for: target) else {
                return self.eventLoop.makeFailedFuture(TransportError.noListener("no UDP listener for \(target)"))
            }
            return self.sendOnLoop(bytes, over: FlowID(.datagram(listener: l.index, remote: target)))
        }
    }
}
