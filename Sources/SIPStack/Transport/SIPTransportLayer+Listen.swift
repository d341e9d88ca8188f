import NIOCore
import NIOPosix
import NIOSSL
import SIPMessage

extension SIPTransportLayer {
    /// Binds listeners, in order; fails (closing none already bound) at the first that
    /// cannot be bound. An IPv6 wildcard listener also accepts IPv4 (dual stack).
    public func listen(_ specs: [ListenSpec]) -> EventLoopFuture<[BoundListener]> {
        eventLoop.flatSubmit {
            var chain = self.eventLoop.makeSucceededFuture([BoundListener]())
            for spec in specs {
                chain = chain.flatMap { bound in self.bind(spec).map { bound + [$0] } }
            }
            return chain
        }
    }

    /// Parses `udp:0.0.0.0:5060`-style specs and binds them.
    public func listen(_ specs: [String]) -> EventLoopFuture<[BoundListener]> {
        do {
            return listen(try specs.map { text throws(ListenSpecError) in try ListenSpec(parsing: text) })
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    /// Closes `listener` (`reload` of the listen addresses): nothing more arrives on it or
    /// leaves from it. TCP and TLS connections it accepted stay until they close.
    public func close(_ listener: BoundListener) -> EventLoopFuture<Void> {
        eventLoop.flatSubmit {
            self.listeners.removeAll { $0.index == listener.index }
            for key in self.datagramPeers.keys where key.listener == listener.index { self.dropDatagramPeer(key) }
            guard let channel = self.listenerChannels.removeValue(forKey: listener.index) else {
                return self.eventLoop.makeSucceededVoidFuture()
            }
            return channel.close().recover { _ in }
        }
    }

    private func bind(_ spec: ListenSpec) -> EventLoopFuture<BoundListener> {
        eventLoop.assertInEventLoop()
        guard !isShutDown else { return eventLoop.makeFailedFuture(TransportError.shutDown) }
        let index = nextListenerIndex
        nextListenerIndex += 1
        let bound: EventLoopFuture<any Channel>
        do {
            switch spec.transport {
            case .udp:
                bound = DatagramBootstrap(group: eventLoop)
                    .channelOption(.socketOption(.so_reuseaddr), value: 1)
                    .channelOption(Self.reusePort, value: configuration.reportUDPUnreachable ? 1 : 0)
                    .channelOption(Self.v6Only, value: 0, onlyIf: spec.isIPv6)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(DatagramHandler(layer: self, listener: index))
                        }
                    }
                    .bind(host: spec.address, port: Int(spec.port))
            case .tcp, .tls:
                let tlsContext = spec.transport == .tls ? try configuration.tls.makeServerContext() : nil
                bound = ServerBootstrap(group: eventLoop, childGroup: eventLoop)
                    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                    .serverChannelOption(Self.v6Only, value: 0, onlyIf: spec.isIPv6)
                    .childChannelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try self.accepted(channel, listenerIndex: index, tlsContext: tlsContext)
                        }
                    }
                    .bind(host: spec.address, port: Int(spec.port))
            default:
                return eventLoop.makeFailedFuture(TransportError.noListener("unsupported transport \(spec.transport)"))
            }
        } catch {
            return eventLoop.makeFailedFuture(TransportError(error))
        }
        return bound.flatMapErrorThrowing { error in throw TransportError(error) }.map { channel in
            let port = channel.localAddress?.port.map { UInt16(clamping: $0) } ?? spec.port
            let listener = BoundListener(index: index, spec: spec, address: spec.address, port: port)
            self.listeners.append(listener)
            self.listenerChannels[index] = channel
            self.startReaperIfNeeded()
            return listener
        }
    }

    /// Sets up a connection the peer opened to one of our TCP/TLS listeners.
    private func accepted(_ channel: any Channel, listenerIndex: Int, tlsContext: NIOSSLContext?) throws {
        eventLoop.assertInEventLoop()
        guard let address = channel.remoteAddress,
              let remote = Self.target(from: address, transport: tlsContext == nil ? .tcp : .tls) else {
            throw TransportError.other("accepted connection without a peer address")
        }
        guard connections.count < configuration.maxConnections else {
            throw TransportError.other("connection limit \(configuration.maxConnections) reached")
        }
        let id = nextConnectionID
        nextConnectionID += 1
        let listener = listeners.first { $0.index == listenerIndex }
        connections[id] = Connection(id: id, transport: remote.transport, remote: remote, listener: listener, channel: channel)
        countersStorage.connectionsAccepted += 1
        if let tlsContext {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext))
        }
        try channel.pipeline.syncOperations.addHandler(StreamFlowHandler(
            layer: self, id: id, isTLS: tlsContext != nil, limits: configuration.limits,
            ready: channel.eventLoop.makePromise()))
    }

    /// IPV6_V6ONLY at its own level (NIO's `.socketOption(_:)` would use SOL_SOCKET).
    static var v6Only: ChannelOptions.Types.SocketOption { .init(level: .ipv6, name: .ipv6_v6only) }

    /// The peer of a socket as a target; IPv4-mapped IPv6 addresses become IPv4.
    static func target(from address: SocketAddress, transport: SIPTransport) -> SIPTarget? {
        guard let ip = address.ipAddress, let port = address.port else { return nil }
        var text = ip
        if text.lowercased().hasPrefix("::ffff:"), text.contains(".") {
            text = String(text.dropFirst(7))
        }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        return SIPTarget(transport: transport, address: text, port: UInt16(clamping: port))
    }

    /// The socket address for a target, mapped into IPv6 when sent from an IPv6 socket.
    static func socketAddress(for target: SIPTarget, fromIPv6Socket: Bool) throws -> SocketAddress {
        if fromIPv6Socket && !target.isIPv6 {
            return try SocketAddress(ipAddress: "::ffff:" + target.address, port: Int(target.port))
        }
        return try SocketAddress(ipAddress: target.address, port: Int(target.port))
    }
}

// Dual stack: an IPv6 socket also carries IPv4 (as mapped addresses) unless IPV6_V6ONLY is
// set; it is cleared explicitly so a host default of bindv6only=1 does not change that.
// IPv4 sockets reject the option, hence the condition.
extension DatagramBootstrap {
    func channelOption(_ option: ChannelOptions.Types.SocketOption, value: SocketOptionValue, onlyIf: Bool) -> Self {
        onlyIf ? channelOption(option, value: value) : self
    }
}

extension ServerBootstrap {
    func serverChannelOption(_ option: ChannelOptions.Types.SocketOption, value: SocketOptionValue, onlyIf: Bool) -> Self {
        onlyIf ? serverChannelOption(option, value: value) : self
    }
}
