import NIOCore
import NIOPosix
import SIPMessage

extension SIPTransportLayer {
    /// Sends a message to a target and returns the flow it went over.
    ///
    /// UDP goes from the listener of the target's address family. TCP/TLS reuse an open
    /// connection to the target (including one the peer opened) or open one; a TLS
    /// connection is usable once its handshake verified the peer. A UDP request too large
    /// for UDP goes over TCP instead (§18.1.1, `Configuration.applySizeRule`); the caller
    /// should have stamped the top Via with `ViaRules.stampTopVia`.
    public func send(_ message: SIPMessage, to target: SIPTarget) -> EventLoopFuture<FlowID> {
        eventLoop.flatSubmit {
            var (message, target) = (message, target)
            if self.configuration.applySizeRule {
                let original = target.transport
                (message, target) = MessageSizeRule.apply(message, to: target, pathMTU: self.configuration.pathMTU)
                // The Via now names TCP: its port should be our TCP listener's, where a
                // server would open a connection back.
                if target.transport != original, let tcp = self.listener(for: target), var via = TopVia.read(message) {
                    via.port = tcp.port
                    TopVia.replace(in: &message, with: via)
                }
            }
            return self.sendOnLoop(message.serialized(), to: target)
        }
    }

    /// Sends a message over a flow a message arrived on (or that an earlier send used).
    /// Fails with `flowNotFound` when that connection has closed.
    public func send(_ message: SIPMessage, over flow: FlowID) -> EventLoopFuture<Void> {
        eventLoop.flatSubmit { self.sendOnLoop(message.serialized(), over: flow) }
    }

    /// Sends a response where §18.2.2 says: over the request's connection while it is
    /// open, else to `received`/`rport`, `maddr` or sent-by.
    public func sendResponse(_ response: SIPMessage, requestFlow: FlowID?) -> EventLoopFuture<FlowID> {
        guard let via = TopVia.read(response) else {
            return eventLoop.makeFailedFuture(TransportError.other("response has no top Via"))
        }
        switch ResponseDestination.forResponse(topVia: via, requestFlow: requestFlow) {
        case .flow(let flow, let fallback):
            return send(response, over: flow).map { flow }.flatMapError { error in
                guard error as? TransportError == .flowNotFound else { return self.eventLoop.makeFailedFuture(error) }
                return self.send(response, to: fallback)
            }
        case .address(let target):
            return send(response, to: target)
        case .resolve(let host, _, _):
            return eventLoop.makeFailedFuture(TransportError.other("sent-by \(host) needs RFC 3263 resolution"))
        }
    }

    func sendOnLoop(_ bytes: [UInt8], to target: SIPTarget) -> EventLoopFuture<FlowID> {
        eventLoop.assertInEventLoop()
        guard !isShutDown else { return eventLoop.makeFailedFuture(TransportError.shutDown) }
        guard bytes.count <= configuration.limits.maxMessageSize else {
            return eventLoop.makeFailedFuture(TransportError.messageTooLarge)
        }
        switch target.transport {
        case .udp:
            guard let listener = listener(for: target) else {
                return eventLoop.makeFailedFuture(TransportError.noListener("no UDP listener for \(target)"))
            }
            let flow = FlowID(.datagram(listener: listener.index, remote: target))
            return sendOnLoop(bytes, over: flow).map { flow }
        case .tcp, .tls:
            return connection(to: target).flatMap { id in
                self.write(bytes, connection: id).map { FlowID(.connection(id)) }
            }
        default:
            return eventLoop.makeFailedFuture(TransportError.noListener("unsupported transport \(target.transport)"))
        }
    }

    func sendOnLoop(_ bytes: [UInt8], over flow: FlowID) -> EventLoopFuture<Void> {
        eventLoop.assertInEventLoop()
        switch flow.kind {
        case .connection(let id):
            return write(bytes, connection: id)
        case .datagram(let index, let remote):
            guard let channel = listenerChannels[index],
                  let listener = listeners.first(where: { $0.index == index }) else {
                return eventLoop.makeFailedFuture(TransportError.flowNotFound)
            }
            let address: SocketAddress
            do {
                address = try Self.socketAddress(for: remote, fromIPv6Socket: listener.isIPv6)
            } catch {
                return eventLoop.makeFailedFuture(TransportError.unreachable)
            }
            let envelope = AddressedEnvelope(remoteAddress: address, data: channel.allocator.buffer(bytes: bytes))
            let socket = configuration.reportUDPUnreachable
                ? connectedDatagramChannel(listener: listener, remote: remote) : eventLoop.makeSucceededFuture(channel)
            return socket.flatMap { $0.writeAndFlush(envelope) }.map {
                self.countersStorage.messagesSent += 1
                self.countersStorage.bytesSent += bytes.count
            }.flatMapErrorThrowing { error in
                self.countersStorage.sendFailures += 1
                throw TransportError(error)
            }
        }
    }

    private func write(_ bytes: [UInt8], connection id: UInt64) -> EventLoopFuture<Void> {
        guard let connection = connections[id], connection.isUp else {
            return eventLoop.makeFailedFuture(TransportError.flowNotFound)
        }
        connection.lastActivity = .now()
        return connection.channel.writeAndFlush(connection.channel.allocator.buffer(bytes: bytes)).map {
            self.countersStorage.messagesSent += 1
            self.countersStorage.bytesSent += bytes.count
        }.flatMapErrorThrowing { error in
            self.countersStorage.sendFailures += 1
            throw connection.failure ?? TransportError(error)
        }
    }

    /// The UDP (or TCP/TLS) listener to send to `target` from: same transport, same
    /// address family (an IPv6 wildcard serves IPv4 too), loopback only for loopback.
    func listener(for target: SIPTarget) -> BoundListener? {
        let loopbackTarget = Self.isLoopback(target.address)
        func score(_ l: BoundListener) -> Int? {
            guard l.transport == target.transport else { return nil }
            if !l.isWildcard && Self.isLoopback(l.address) != loopbackTarget { return nil }
            switch (l.isIPv6, target.isIPv6) {
            case (false, false), (true, true): return l.isWildcard ? 1 : 2
            case (true, false): return l.isWildcard ? 0 : nil
            case (false, true): return nil
            }
        }
        return listeners.compactMap { l in score(l).map { (l, $0) } }.max { $0.1 < $1.1 }?.0
    }

    /// The sent-by for the top Via of a request to `target` (RFC 3261 §18.1.1): the
    /// address and port of the listener it leaves from. A wildcard listener names the
    /// loopback address for loopback targets, else its advertised address, else the
    /// address the kernel routes toward the target from. A client-only stream transport
    /// (TLS without a certificate of our own) names a TCP or UDP listener of the same
    /// family: responses come back over the connection (§18.2.2). Nil when none fits.
    public func sentBy(for target: SIPTarget) -> EventLoopFuture<SentBy?> {
        eventLoop.submit {
            guard let l = self.listener(for: target) ?? self.streamFallbackListener(for: target) else { return nil }
            let host: String
            if !l.isWildcard {
                host = l.address
            } else if Self.isLoopback(target.address) {
                host = target.address
            } else if let advertised = l.spec.advertisedAddress {
                host = advertised
            } else if let outbound = OutboundAddress.toward(target) {
                host = outbound
            } else {
                return nil
            }
            guard let parsed = Host.parseAddress(Substring(host)) else { return nil }
            return SentBy(host: parsed, port: l.port)
        }
    }

    private func streamFallbackListener(for target: SIPTarget) -> BoundListener? {
        guard target.transport == .tls || target.transport == .tcp else { return nil }
        for transport in [SIPTransport.tcp, .udp] where transport != target.transport {
            var other = target
            other.transport = transport
            if let l = listener(for: other) { return l }
        }
        return nil
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1"
    }
}
