import NIOCore
import SIPMessage

/// A request the UA sent, across its attempts: one client transaction per target tried.
struct PendingRequest: Sendable {
    /// As the UA gave it. Without a Via the stack stamps a fresh one per attempt; with one
    /// (a CANCEL, which must reuse its INVITE's branch) it is sent as it is.
    let request: SIPRequest
    /// The targets not yet tried, in order; the first is being tried.
    var targets: ArraySlice<SIPTarget>
    /// Pinned to a flow (the registration's connection): no failover.
    let flow: FlowID?
    let continuation: AsyncThrowingStream<SIPResponse, any Error>.Continuation

    func finish(throwing error: StackError) { continuation.finish(throwing: error) }

    var next: PendingRequest {
        var copy = self
        copy.targets = targets.dropFirst()
        return copy
    }
}

/// One attempt: the client transaction for `pending` sent to `target`.
struct ClientContext: Sendable {
    var pending: PendingRequest
    var target: SIPTarget
    /// The request as sent to `target`, with its Via (a CANCEL copies it, §9.1).
    var sent: SIPRequest
    /// A response came: the target is alive, so no failover after this.
    var answered = false
    /// The UA's stream has ended (final response, or moved on to another target); later
    /// 2xx retransmissions go to the dialog layer.
    var done = false
    var lastTransportError: String?
}

extension SIPStack {
    /// Sends `request` and streams its responses: provisionals, then one final response.
    /// The stream throws a `StackError` when no final response comes from any target.
    ///
    /// - Parameters:
    ///   - targets: the next hops; by default the first Route (loose routing) or the
    ///     Request-URI is resolved with the stack's resolver (RFC 3263).
    ///   - flow: a connection to send over (RFC 5626 flow reuse); `targets` must then name
    ///     where the flow goes, for the Via.
    public func send(
        _ request: SIPRequest, to targets: [SIPTarget]? = nil, over flow: FlowID? = nil
    ) -> AsyncThrowingStream<SIPResponse, any Error> {
        let (stream, continuation) = AsyncThrowingStream<SIPResponse, any Error>.makeStream()
        let start = { (hops: [SIPTarget]) in
            let pending = PendingRequest(request: request, targets: hops[...], flow: flow, continuation: continuation)
            self.eventLoop.execute { self.attempt(pending, lastError: nil) }
        }
        guard let targets else {
            // Only resolution needs a task (DNS); given targets go straight to the loop.
            Task { [self] in
                do { start(try await resolveTargets(for: request)) } catch { continuation.finish(throwing: error) }
            }
            return stream
        }
        start(targets)
        return stream
    }

    /// RFC 3261 §8.1.2: a first Route (loose routing) is the next hop, else the Request-URI.
    func resolveTargets(for request: SIPRequest) async throws -> [SIPTarget] {
        let uri: URI
        if let route = try SIPMessage.request(request).routes.first { uri = route.uri } else { uri = try request.uri }
        guard case .sip(let sip) = uri else { throw StackError.noTargets("a \(uri.scheme): URI is not routable") }
        let found = try await resolver.targets(for: sip)
        guard !found.isEmpty else { throw StackError.noTargets("no address for \(sip.host)") }
        return found
    }

    /// Starts a client transaction for `pending` towards its first remaining target.
    func attempt(_ pending: PendingRequest, lastError: StackError?) {
        eventLoop.assertInEventLoop()
        guard !isShutDown else { return pending.finish(throwing: .shutDown) }
        guard let target = pending.targets.first else {
            return pending.finish(throwing: lastError ?? .noTargets("every target failed"))
        }
        transport.sentBy(for: target).whenComplete { result in
            guard case .success(let found) = result, let sentBy = found else {
                return self.attempt(pending.next, lastError: .transportFailed(target, "no local \(target.transport) listener"))
            }
            var message = SIPMessage.request(pending.request)
            if !pending.request.headers.contains("Via") {
                message = ViaRules.stampTopVia(message, transport: target.transport, sentBy: sentBy)
                self.ownSentBys.insert(sentBy)
            }
            guard case .request(let stamped) = message else { return }
            do {
                let (key, actions) = try self.table.startClient(stamped, reliable: target.transport != .udp)
                self.clients[key] = ClientContext(pending: pending, target: target, sent: stamped)
                self.perform(actions, origin: nil)
            } catch {
                pending.finish(throwing: .transactionRefused("\(error)"))
            }
        }
    }

    /// A response the client transaction `key` passed up.
    func deliver(_ response: SIPResponse, for key: TransactionKey) {
        guard var context = clients[key] else { return }
        if context.done {
            if (200..<300).contains(response.statusCode) { dialogContinuation.yield(.response(response)) }
            return
        }
        // RFC 3263 §4.3: a 503 from one server sends the request to the next.
        if response.statusCode == 503, !context.answered, context.pending.flow == nil, context.pending.targets.count > 1 {
            context.done = true
            clients[key] = context
            return attempt(context.pending.next, lastError: nil)
        }
        if response.statusCode < 200 {
            context.answered = true
            clients[key] = context
            context.pending.continuation.yield(response)
            return
        }
        context.done = true
        clients[key] = context
        context.pending.continuation.yield(response)
        context.pending.continuation.finish()
    }

    /// Timer B/F or a transport error ended attempt `key`: try the next target, unless the
    /// target had answered (it is alive; the request is lost) or the request is pinned.
    func clientFailed(_ key: TransactionKey, timedOut: Bool) {
        guard var context = clients[key], !context.done else { return }
        context.done = true
        clients[key] = context
        let error: StackError = timedOut
            ? .timeout(context.target)
            : .transportFailed(context.target, context.lastTransportError ?? "send failed")
        if context.answered || context.pending.flow != nil {
            context.pending.finish(throwing: error)
        } else {
            attempt(context.pending.next, lastError: error)
        }
    }
}
