import NIOCore
import NIOPosix
import NIOSSL
import SIPMessage

/// SIP over UDP, TCP and TLS (RFC 3261 §18, RFC 3581, RFC 5626 keep-alives) on SwiftNIO.
///
/// Threading: every socket, every piece of state and every event lives on one NIO
/// `EventLoop`, the signalling loop that owns SIPStack (DESIGN.md). The public methods
/// may be called from any thread: they hop onto that loop and return futures that
/// complete on it. Events are delivered on the loop, in order, to `onEvent` (if given)
/// and to the `events` stream.
///
/// Flows: every received message names the `FlowID` it came over, and `send(_:over:)`
/// answers or pins requests over it — including connections the peer opened.
public final class SIPTransportLayer: @unchecked Sendable {
    // @unchecked: all mutable state below is touched only on `eventLoop` (asserted).

    /// Tunables.
    public struct Configuration: Sendable {
        /// A connection with no traffic for this long is closed.
        public var connectionIdleTimeout: TimeAmount = .seconds(300)
        /// How long a keep-alive ping waits for its pong (RFC 5626 §4.4.1: 10 s).
        public var keepAlivePongTimeout: TimeAmount = .seconds(10)
        public var connectTimeout: TimeAmount = .seconds(10)
        /// Most connections open at once; connections the peers open beyond it are refused.
        public var maxConnections = 1024
        /// The path MTU for the §18.1.1 size rule; nil = unknown (1300-byte rule).
        public var pathMTU: Int?
        /// Whether UDP sends go through a socket connected to the destination (bound to the
        /// listener's address and port), so ICMP port unreachable is reported as
        /// `flowDown(flow, .unreachable)`. Needs Linux's SO_REUSEPORT.
        public var reportUDPUnreachable = true
        /// Whether `send(_:to:)` moves large UDP requests to TCP (§18.1.1).
        public var applySizeRule = true
        public var limits = SIPLimits()
        public var tls = TLSOptions()
        public init() {}
    }

    public let eventLoop: any EventLoop
    public let configuration: Configuration
    /// Every event, in order. Only one consumer should iterate it.
    public let events: AsyncStream<TransportEvent>
    let continuation: AsyncStream<TransportEvent>.Continuation
    let onEvent: (@Sendable (TransportEvent) -> Void)?

    // Loop-confined state.
    var listeners: [BoundListener] = []
    var listenerChannels: [Int: any Channel] = [:]
    var nextListenerIndex = 0
    var datagramPeers: [DatagramPeerKey: DatagramPeer] = [:]
    var connections: [UInt64: Connection] = [:]
    var connectionsByRemote: [ConnectionKey: UInt64] = [:]
    var pendingConnects: [ConnectionKey: EventLoopFuture<UInt64>] = [:]
    var nextConnectionID: UInt64 = 1
    var countersStorage = TransportCounters()
    var learnedAddresses: [FlowID: PublicAddress] = [:]
    var reaper: RepeatedTask?
    var isShutDown = false
    /// Client TLS contexts by the domain CA file they add (nil: the common trust only).
    var clientTLSContexts: [String?: NIOSSLContext] = [:]

    /// - Parameter onEvent: called on `eventLoop` for every event, before it is put on `events`.
    public init(eventLoop: any EventLoop, configuration: Configuration = .init(),
                onEvent: (@Sendable (TransportEvent) -> Void)? = nil) {
        self.eventLoop = eventLoop
        self.configuration = configuration
        self.onEvent = onEvent
        (events, continuation) = AsyncStream.makeStream(of: TransportEvent.self, bufferingPolicy: .bufferingNewest(4096))
    }

    /// The bound listeners (read on the loop; use `boundListeners()` from elsewhere).
    public func boundListeners() -> EventLoopFuture<[BoundListener]> {
        eventLoop.submit { self.listeners }
    }

    /// Running totals.
    public func counters() -> EventLoopFuture<TransportCounters> {
        eventLoop.submit { self.countersStorage }
    }

    func emit(_ event: TransportEvent) {
        eventLoop.assertInEventLoop()
        onEvent?(event)
        continuation.yield(event)
    }

    /// Closes every listener and connection and ends the event stream.
    public func shutdown() -> EventLoopFuture<Void> {
        eventLoop.flatSubmit {
            self.isShutDown = true
            self.reaper?.cancel()
            for key in Array(self.datagramPeers.keys) { self.dropDatagramPeer(key) }
            let channels = Array(self.listenerChannels.values) + self.connections.values.map(\.channel)
            let closes = channels.map { $0.close().recover { _ in } }
            return EventLoopFuture.andAllComplete(closes, on: self.eventLoop).map {
                self.continuation.finish()
            }
        }
    }
}

/// One TCP or TLS connection, opened by us or by the peer.
/// @unchecked: created, read and changed only on the layer's event loop.
final class Connection: @unchecked Sendable {
    let id: UInt64
    let transport: SIPTransport
    /// The peer's address and port as the socket sees it.
    let remote: SIPTarget
    let listener: BoundListener?
    var channel: any Channel
    var lastActivity: NIODeadline
    var pongTimer: Scheduled<Void>?
    var isUp = false
    var failure: TransportError?

    init(id: UInt64, transport: SIPTransport, remote: SIPTarget, listener: BoundListener?, channel: any Channel) {
        self.id = id
        self.transport = transport
        self.remote = remote
        self.listener = listener
        self.channel = channel
        self.lastActivity = .now()
    }

    var flow: FlowID { FlowID(.connection(id)) }
}

/// Connections are found again by transport, address and port (not by server name).
struct ConnectionKey: Hashable {
    var transport: SIPTransport
    var address: String
    var port: UInt16
    init(_ target: SIPTarget) {
        transport = target.transport
        address = target.address
        port = target.port
    }
}
