import NIOCore
import SIPMessage

/// Performing what the transaction table asks: sends, timers, deliveries.
extension SIPStack {
    func receive(_ received: ReceivedMessage) {
        eventLoop.assertInEventLoop()
        guard !isShutDown else { return }
        // §18.1.2: a response whose top Via names a sent-by we never insert is discarded.
        if case .response = received.message {
            guard let top = try? received.message.via.first,
                  ownSentBys.contains(SentBy(host: top.host, port: top.port)) else { return }
        }
        let actions = table.receive(received.message, reliable: received.source.transport != .udp)
        perform(actions, origin: received)
    }

    /// `origin` is the received message the actions answer, if any.
    func perform(_ actions: [KeyedAction], origin: ReceivedMessage?) {
        eventLoop.assertInEventLoop()
        for action in actions {
            switch action {
            case .transaction(let key, let action):
                perform(action, for: key)
            case .newRequest(let key, let request):
                guard let origin else { continue }
                servers[key] = ServerContext(flow: origin.flow, source: origin.source)
                incomingContinuation.yield(IncomingRequest(
                    request: request, source: origin.source, flow: origin.flow, key: key, stack: self))
            case .strayACK(let ack):
                dialogContinuation.yield(.request(ack))
            case .stray2xx(let response):
                dialogContinuation.yield(.response(response))
            case .strayResponse:
                break // RFC 3261 §18.1.2: silently dropped
            case .refused(let request):
                answerStatelessly(request, 503, "Service Unavailable", origin: origin)
            case .unmatchable(.request(let request), _):
                answerStatelessly(request, 400, "Bad Request", origin: origin)
            case .unmatchable(.response, _):
                break
            }
        }
        for transition in table.drainTransitions() { eventContinuation.yield(.transition(transition)) }
    }

    private func perform(_ action: TransactionAction, for key: TransactionKey) {
        switch action {
        case .send(let message):
            transmit(message, for: key)
        case .startTimer(let timer, let delay):
            timers[key]?[timer]?.cancel()
            timers[key, default: [:]][timer] = eventLoop.scheduleTask(in: TimeAmount(delay)) {
                self.timers[key]?[timer] = nil
                self.perform(self.table.timerFired(key, timer), origin: nil)
            }
        case .cancelTimer(let timer):
            timers[key]?.removeValue(forKey: timer)?.cancel()
        case .deliver(let response):
            deliver(response, for: key)
        case .deliverRequest:
            break // the first delivery arrives as `.newRequest`
        case .deliverACK(let ack):
            dialogContinuation.yield(.request(ack))
        case .timeout:
            clientFailed(key, timedOut: true)
        case .transportFailed:
            clientFailed(key, timedOut: false)
        case .terminated:
            timers.removeValue(forKey: key)?.values.forEach { $0.cancel() }
            clients[key] = nil
            servers[key] = nil
        }
    }

    /// Sends a message of transaction `key` where that transaction talks to; a failure is
    /// fed back to the transaction as a transport error (§17.1.4, §17.2.4).
    private func transmit(_ message: SIPMessage, for key: TransactionKey) {
        let sent: EventLoopFuture<Void>
        if let context = clients[key] {
            sent = context.pending.flow.map { transport.send(message, over: $0) }
                ?? transport.send(message, to: context.target).map { _ in }
        } else if let context = servers[key] {
            sent = transport.sendResponse(message, requestFlow: context.flow).map { _ in }
        } else {
            return
        }
        sent.whenFailure { error in
            self.clients[key]?.lastTransportError = "\(error)"
            self.perform(self.table.transportError(key), origin: nil)
        }
    }
}
