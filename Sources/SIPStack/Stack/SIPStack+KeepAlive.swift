import NIOCore
import SIPMessage

/// How keep-alives are sent to a registrar or outbound proxy.
public enum KeepAliveMethod: Sendable, Equatable {
    /// A double CRLF (RFC 5626 §3.5.1): on a connection the transport expects the CRLF pong
    /// and reports a flow down without one; over UDP nothing answers, it only keeps the NAT
    /// binding open.
    case crlf
    /// An OPTIONS request: any response means the server is alive (works through every
    /// NAT and with servers that ignore CRLF).
    case options
}

/// A running keep-alive; stops when cancelled or when the stack shuts down.
public final class KeepAliveHandle: Sendable {
    let task: RepeatedTask
    init(task: RepeatedTask) { self.task = task }
    public func cancel() { task.cancel() }
}

extension SIPStack {
    /// Sends a keep-alive to `target` every `interval`. With `flow`, over that connection
    /// (the registration's). Results arrive on `events` as `.keepAlive(target, alive:)` for
    /// OPTIONS, `.keepAliveAnswered(flow)` for CRLF pongs, `.flowDown` when a flow died.
    public func startKeepAlive(to target: SIPTarget, every interval: Duration, using method: KeepAliveMethod,
                               over flow: FlowID? = nil) -> KeepAliveHandle {
        let period = TimeAmount(interval)
        let task = eventLoop.scheduleRepeatedTask(initialDelay: period, delay: period) { [self] task in
            if isShutDown { return task.cancel() }
            switch method {
            case .crlf:
                let sent = flow.map { transport.sendKeepAlive($0) } ?? transport.sendKeepAlive(to: target)
                sent.whenFailure { _ in self.eventContinuation.yield(.keepAlive(target, alive: false)) }
            case .options:
                let stream = send(Self.keepAliveOptions(to: target), to: [target], over: flow)
                Task {
                    var alive = false
                    do {
                        for try await response in stream where response.statusCode >= 200 { alive = true }
                    } catch {
                        alive = false
                    }
                    self.eventContinuation.yield(.keepAlive(target, alive: alive))
                }
            }
        }
        return KeepAliveHandle(task: task)
    }

    /// Sends a STUN message from the SIP socket that would carry SIP to `target` (UDP);
    /// the answer comes back as `StackEvent.stunReceived`.
    public func sendSTUN(_ bytes: [UInt8], to target: SIPTarget) async throws {
        try await transport.sendSTUN(bytes, to: target).get()
    }

    /// A minimal out-of-dialog OPTIONS to the target itself.
    static func keepAliveOptions(to target: SIPTarget) -> SIPRequest {
        let host = target.isIPv6 ? "[\(target.address)]" : target.address
        let uri = "sip:\(host):\(target.port)" + (target.transport == .udp ? "" : ";transport=\(target.transport.description.lowercased())")
        var headers = SIPHeaders()
        headers.append(name: "Max-Forwards", value: "70")
        headers.append(name: "From", value: "<sip:keepalive@pipit.invalid>;tag=\(UInt32.random(in: 0...UInt32.max))")
        headers.append(name: "To", value: "<\(uri)>")
        headers.append(name: "Call-ID", value: "ka-\(UInt64.random(in: 0...UInt64.max))")
        headers.append(name: "CSeq", value: "1 OPTIONS")
        headers.append(name: "Content-Length", value: "0")
        return SIPRequest(method: .options, requestURI: uri, headers: headers)
    }
}
