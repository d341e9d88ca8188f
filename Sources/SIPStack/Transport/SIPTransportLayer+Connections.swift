import NIOCore
import NIOPosix
import NIOSSL
import SIPMessage

// Opening, tracking, failing and reaping TCP/TLS connections (on the loop).
extension SIPTransportLayer {
    /// An open connection to `target`, or a new one (shared by concurrent sends).
    func connection(to target: SIPTarget) -> EventLoopFuture<UInt64> {
        eventLoop.assertInEventLoop()
        let key = ConnectionKey(target)
        if let id = connectionsByRemote[key], let c = connections[id], c.isUp { return eventLoop.makeSucceededFuture(id) }
        if let pending = pendingConnects[key] { return pending }
        let future = openConnection(to: target)
        pendingConnects[key] = future
        future.whenComplete { _ in self.pendingConnects[key] = nil }
        return future
    }

    private func openConnection(to target: SIPTarget) -> EventLoopFuture<UInt64> {
        let isTLS = target.transport == .tls
        let tlsContext: NIOSSLContext?
        do {
            if isTLS {
                // One context per trust set: the common roots, plus the domain's own CA if any.
                let caFile = configuration.tls.domainCAFile(for: target.serverName)
                if clientTLSContexts[caFile] == nil {
                    clientTLSContexts[caFile] = try configuration.tls.makeClientContext(domainCAFile: caFile)
                }
                tlsContext = clientTLSContexts[caFile]
            } else {
                tlsContext = nil
            }
        } catch {
            return eventLoop.makeFailedFuture(TransportError.tlsHandshakeFailed("TLS setup: \(error)"))
        }
        // SNI and name checks use the DNS name; with none, NIOSSL checks the peer IP.
        let hostname = target.serverName.flatMap { Host.parseAddress(Substring($0)) == nil ? $0 : nil }
        let checkName = configuration.tls.insecureSkipVerification ? nil : hostname
        let id = nextConnectionID
        nextConnectionID += 1
        let ready = eventLoop.makePromise(of: Void.self)
        let limits = configuration.limits
        let address: SocketAddress
        do {
            address = try SocketAddress(ipAddress: target.address, port: Int(target.port))
        } catch {
            return eventLoop.makeFailedFuture(TransportError.unreachable)
        }
        let listener = self.listener(for: target)
        countersStorage.connectionsOpened += 1
        let connect = ClientBootstrap(group: eventLoop)
            .connectTimeout(configuration.connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let tlsContext {
                        try sync.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: hostname))
                    }
                    self.connections[id] = Connection(id: id, transport: target.transport, remote: target,
                                                      listener: listener, channel: channel)
                    try sync.addHandler(StreamFlowHandler(layer: self, id: id, isTLS: isTLS, limits: limits, ready: ready,
                                                          requiredDNSName: checkName))
                }
            }
            .connect(to: address)
        connect.whenFailure { error in
            // Never connected: no channelInactive will come, so report the flow here.
            let mapped = TransportError(error)
            ready.fail(mapped)
            self.connections[id] = nil
            self.emit(.flowDown(FlowID(.connection(id)), error: mapped))
        }
        return connect.flatMap { _ in ready.futureResult }
            .flatMapErrorThrowing { error in
                self.countersStorage.sendFailures += 1
                throw TransportError(error)
            }
            .map { id }
    }

    /// A connection can carry messages (TCP connected, or TLS handshake done).
    func connectionReady(_ id: UInt64, channel: any Channel) {
        eventLoop.assertInEventLoop()
        guard let connection = connections[id] else { return }
        connection.isUp = true
        connection.lastActivity = .now()
        connectionsByRemote[ConnectionKey(connection.remote)] = id
        startReaperIfNeeded()
        emit(.flowUp(connection.flow, remote: connection.remote))
    }

    /// The connection failed; the reason is kept for `flowDown` and pending writes.
    func streamFailed(_ id: UInt64, _ error: TransportError) {
        eventLoop.assertInEventLoop()
        guard let connection = connections[id], connection.failure == nil else { return }
        connection.failure = error
    }

    func connectionClosed(_ id: UInt64) {
        eventLoop.assertInEventLoop()
        guard let connection = connections.removeValue(forKey: id) else { return }
        connection.pongTimer?.cancel()
        let key = ConnectionKey(connection.remote)
        if connectionsByRemote[key] == id { connectionsByRemote[key] = nil }
        learnedAddresses[connection.flow] = nil
        countersStorage.connectionsClosed += 1
        // A connection that never came up reports through its connect future (or not at all
        // for an accepted one that failed its handshake, which has no one waiting).
        if connection.isUp || connection.failure != nil {
            emit(.flowDown(connection.flow, error: connection.failure))
        }
    }

    /// Closes a connection flow (no-op for datagram flows).
    public func close(_ flow: FlowID) -> EventLoopFuture<Void> {
        eventLoop.flatSubmit {
            guard case .connection(let id) = flow.kind, let c = self.connections[id] else {
                return self.eventLoop.makeSucceededVoidFuture()
            }
            return c.channel.close().recover { _ in }
        }
    }

    func startReaperIfNeeded() {
        eventLoop.assertInEventLoop()
        guard reaper == nil, !isShutDown else { return }
        let timeout = configuration.connectionIdleTimeout
        let period = TimeAmount.nanoseconds(max(TimeAmount.milliseconds(100).nanoseconds, timeout.nanoseconds / 4))
        reaper = eventLoop.scheduleRepeatedTask(initialDelay: period, delay: period) { _ in
            self.reapIdleConnections(now: .now())
            self.reapIdleDatagramPeers(now: .now())
        }
    }

    /// Closes connections with no traffic for `connectionIdleTimeout`.
    func reapIdleConnections(now: NIODeadline) {
        let limit = configuration.connectionIdleTimeout
        for connection in connections.values where now - connection.lastActivity >= limit {
            connection.channel.close(promise: nil)
        }
    }
}
