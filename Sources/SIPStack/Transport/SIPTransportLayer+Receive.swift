import NIOCore
import SIPMessage

// Incoming traffic, called by the channel handlers on the loop.
extension SIPTransportLayer {
    func datagramReceived(listener index: Int, from address: SocketAddress, bytes: [UInt8]) {
        eventLoop.assertInEventLoop()
        guard let source = Self.target(from: address, transport: .udp),
              let listener = listeners.first(where: { $0.index == index }) else { return }
        countersStorage.bytesReceived += bytes.count
        // CRLF keep-alives on UDP carry nothing to deliver.
        if bytes.allSatisfy({ $0 == 0x0D || $0 == 0x0A }) { return }
        if Self.isSTUN(bytes) { return emit(.stunReceived(bytes, from: source)) }
        let message: SIPMessage
        do {
            message = try SIPMessage.parse(bytes, limits: configuration.limits)
        } catch {
            countersStorage.unparseableDropped += 1
            emit(.inputDropped(source: source, reason: error.description))
            return
        }
        deliver(message, source: source, flow: FlowID(.datagram(listener: index, remote: source)), listener: listener)
    }

    func datagramError(listener index: Int, _ error: TransportError) {
        eventLoop.assertInEventLoop()
        countersStorage.sendFailures += 1
    }

    func streamBytesReceived(_ id: UInt64, count: Int) {
        countersStorage.bytesReceived += count
        connections[id]?.lastActivity = .now()
    }

    func streamMessageReceived(_ id: UInt64, _ message: SIPMessage) {
        eventLoop.assertInEventLoop()
        guard let connection = connections[id] else { return }
        deliver(message, source: connection.remote, flow: connection.flow, listener: connection.listener)
    }

    /// The stream cannot be framed any further: count, report, and fail the flow.
    func streamInputRejected(_ id: UInt64, _ reason: TransportError) {
        eventLoop.assertInEventLoop()
        countersStorage.unparseableDropped += 1
        if let connection = connections[id] {
            emit(.inputDropped(source: connection.remote, reason: reason.description))
        }
        streamFailed(id, reason)
    }

    func streamPingAnswered(_ id: UInt64) {
        countersStorage.keepAlivePingsAnswered += 1
    }

    func streamPongReceived(_ id: UInt64) {
        eventLoop.assertInEventLoop()
        guard let connection = connections[id], let timer = connection.pongTimer else { return }
        timer.cancel()
        connection.pongTimer = nil
        countersStorage.keepAlivePongsReceived += 1
        emit(.keepAliveAnswered(connection.flow))
    }

    /// Stamps requests (§18.2.1, RFC 3581), notes public addresses from responses, and
    /// hands the message to the owner.
    private func deliver(_ message: SIPMessage, source: SIPTarget, flow: FlowID, listener: BoundListener?) {
        countersStorage.messagesReceived += 1
        var message = message
        if message.request != nil {
            message = ViaRules.stampReceived(message, sourceAddress: source.address, sourcePort: source.port)
        } else if let learned = ViaRules.publicAddress(fromResponse: message), learned.differsFromSentBy,
                  learnedAddresses[flow] != learned {
            // Bounded: one entry per flow that taught us something, dropped wholesale if it grows.
            if learnedAddresses.count >= 256 { learnedAddresses.removeAll() }
            learnedAddresses[flow] = learned
            emit(.publicAddressLearned(learned, flow: flow))
        }
        emit(.messageReceived(ReceivedMessage(message: message, source: source, flow: flow, listener: listener)))
    }
}
