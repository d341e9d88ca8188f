import NIOCore
import SIPMessage

extension SIPTransportLayer {
    /// Sends a CRLFCRLF keep-alive (RFC 5626 §3.5.1, §4.4.1). On a connection, a pong is
    /// expected within `keepAlivePongTimeout`: it raises `keepAliveAnswered`; without it the
    /// flow is closed with `flowDown(flow, .timeout)`. On UDP it only keeps a NAT binding.
    public func sendKeepAlive(_ flow: FlowID) -> EventLoopFuture<Void> {
        eventLoop.flatSubmit {
            let ping: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
            guard case .connection(let id) = flow.kind else {
                return self.sendOnLoop(ping, over: flow).map { self.countersStorage.keepAlivesSent += 1 }
            }
            guard let connection = self.connections[id], connection.isUp else {
                return self.eventLoop.makeFailedFuture(TransportError.flowNotFound)
            }
            if connection.pongTimer == nil {
                connection.pongTimer = self.eventLoop.scheduleTask(in: self.configuration.keepAlivePongTimeout) {
                    self.pongTimedOut(id)
                }
            }
            self.countersStorage.keepAlivesSent += 1
            return connection.channel.writeAndFlush(connection.channel.allocator.buffer(bytes: ping))
                .flatMapErrorThrowing { throw connection.failure ?? TransportError($0) }
        }
    }

    /// Sends a CRLFCRLF keep-alive datagram to a UDP target from the matching listener.
    public func sendKeepAlive(to target: SIPTarget) -> EventLoopFuture<Void> {
        eventLoop.flatSubmit {
            guard target.transport == .udp, let l = self.listener(for: target) else {
                return self.eventLoop.makeFailedFuture(TransportError.noListener("no UDP listener for \(target)"))
            }
            return self.sendKeepAlive(FlowID(.datagram(listener: l.index, remote: target)))
        }
    }

    private func pongTimedOut(_ id: UInt64) {
        guard let connection = connections[id] else { return }
        connection.pongTimer = nil
        streamFailed(id, .timeout)
        connection.channel.close(promise: nil)
    }
}
