import NIOCore
import SIPMessage

/// The SIP stack as the UA core uses it: transports, transactions and server location
/// behind one object.
///
/// Threading: all state lives on `eventLoop`, the signalling loop (DESIGN.md). Public
/// methods may be called from anywhere; they hop onto the loop. Streams deliver on it.
///
/// - Requests go out with `send(_:)`, which stamps the top Via, resolves the next hops,
///   runs the client transaction and fails over to the next target on timeout, transport
///   error or 503 (RFC 3263 §4.3). Responses come back as an async stream.
/// - Requests that start a server transaction arrive on `incomingRequests`; each is answered
///   through `IncomingRequest.respond`.
/// - What transactions do not handle — the ACK for a 2xx, 2xx retransmissions, forked 2xx —
///   arrives on `dialogMessages` for the dialog layer; it answers with `sendStateless`.
public final class SIPStack: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var listen: [String] = ["udp:0.0.0.0:0"]
        public var timers = TransactionTimers()
        public var transport = SIPTransportLayer.Configuration()
        public var maxTransactions = 4096
        /// What Via sent-by and Contacts carry for wildcard listeners (a public or LAN
        /// address behind a port forward).
        public var advertisedAddress: String?
        public init() {}
    }

    public let eventLoop: any EventLoop
    public let transport: SIPTransportLayer
    let resolver: any TargetResolving
    let configuration: Configuration

    public let incomingRequests: AsyncStream<IncomingRequest>
    public let dialogMessages: AsyncStream<SIPMessage>
    public let events: AsyncStream<StackEvent>
    let incomingContinuation: AsyncStream<IncomingRequest>.Continuation
    let dialogContinuation: AsyncStream<SIPMessage>.Continuation
    let eventContinuation: AsyncStream<StackEvent>.Continuation

    // Loop-confined state.
    var table: TransactionTable
    var timers: [TransactionKey: [TransactionTimer: Scheduled<Void>]] = [:]
    var clients: [TransactionKey: ClientContext] = [:]
    var servers: [TransactionKey: ServerContext] = [:]
    /// Every sent-by this stack put in a Via: a response naming another is not ours (§18.1.2).
    var ownSentBys: Set<SentBy> = []
    var isShutDown = false

    /// - Parameter resolver: how next hops are found; by default RFC 3263 location with the
    ///   system's DNS configuration (/etc/resolv.conf). Numeric hosts never query DNS.
    public init(eventLoop: any EventLoop, configuration: Configuration = .init(),
                resolver: (any TargetResolving)? = nil) {
        self.eventLoop = eventLoop
        self.configuration = configuration
        self.resolver = resolver ?? ServerLocator(resolver: DNSClient(configuration: ResolvConf.load()))
        self.transport = SIPTransportLayer(eventLoop: eventLoop, configuration: configuration.transport)
        self.table = TransactionTable(timers: configuration.timers, capacity: configuration.maxTransactions)
        // Incoming requests are bounded by the transaction table's capacity; the others are
        // bounded here so that nobody listening cannot grow memory.
        (incomingRequests, incomingContinuation) = AsyncStream.makeStream()
        (dialogMessages, dialogContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1024))
        (events, eventContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1024))
    }

    /// Opens the listeners and starts taking messages. Returns what was bound.
    public func start() async throws -> [BoundListener] {
        let bound = try await transport.listen(listenSpecs(configuration.listen)).get()
        let events = transport.events
        Task { [self] in
            for await event in events {
                eventLoop.execute { self.handle(event) }
            }
        }
        return bound
    }

    /// `listen` texts as specs, with the configured advertised address.
    public func listenSpecs(_ texts: [String]) throws -> [ListenSpec] {
        var specs = try texts.map { text throws(ListenSpecError) in try ListenSpec(parsing: text) }
        if let advertised = configuration.advertisedAddress {
            for i in specs.indices { specs[i].advertisedAddress = advertised }
        }
        return specs
    }

    /// Opens more listeners after `start()` (a reloaded `listen`).
    public func listen(_ specs: [ListenSpec]) async throws -> [BoundListener] {
        try await transport.listen(specs).get()
    }

    /// Closes listeners opened by `start()` or `listen(_:)`.
    public func close(_ listeners: [BoundListener]) async {
        for listener in listeners { try? await transport.close(listener).get() }
    }

    /// Stops every timer and transport; open request streams end with `.shutDown`.
    public func shutdown() async throws {
        try await eventLoop.submit {
            self.isShutDown = true
            for (_, armed) in self.timers { armed.values.forEach { $0.cancel() } }
            self.timers = [:]
            for context in self.clients.values { context.pending.finish(throwing: .shutDown) }
            self.clients = [:]
            self.servers = [:]
            self.incomingContinuation.finish()
            self.dialogContinuation.finish()
            self.eventContinuation.finish()
        }.get()
        try await transport.shutdown()
    }

    /// Sends a message outside any transaction (the ACK for a 2xx, a 2xx retransmission).
    public func sendStateless(_ message: SIPMessage, to target: SIPTarget) async throws {
        _ = try await transport.send(message, to: target)
    }

    private func handle(_ event: TransportEvent) {
        eventLoop.assertInEventLoop()
        switch event {
        case .messageReceived(let received): receive(received)
        case .flowUp(let flow, let remote): eventContinuation.yield(.flowUp(flow, remote: remote))
        case .flowDown(let flow, let error): eventContinuation.yield(.flowDown(flow, error: error))
        case .publicAddressLearned(let address, let flow):
            eventContinuation.yield(.publicAddressLearned(address, flow: flow))
        case .keepAliveAnswered(let flow): eventContinuation.yield(.keepAliveAnswered(flow))
        case .stunReceived(let bytes, let source): eventContinuation.yield(.stunReceived(bytes, from: source))
        case .inputDropped: break
        }
    }
}

/// What the stack reports besides messages: flows and what the outside sees of us, and
/// transaction state changes for the log pane.
public enum StackEvent: Sendable {
    case flowUp(FlowID, remote: SIPTarget)
    case flowDown(FlowID, error: TransportError?)
    case publicAddressLearned(PublicAddress, flow: FlowID)
    /// A CRLF keep-alive on a connection got its pong.
    case keepAliveAnswered(FlowID)
    /// An OPTIONS keep-alive was answered (or not: no response, or the send failed).
    case keepAlive(SIPTarget, alive: Bool)
    /// A STUN message on the SIP socket (the answer to `sendSTUN`).
    case stunReceived([UInt8], from: SIPTarget)
    case transition(KeyedTransition)
}
