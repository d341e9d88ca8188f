import NIOCore
import NIOSSL
import NIOTLS
import SIPMessage

/// Frames one TCP or TLS connection (RFC 3261 §18.3) and answers keep-alive pings
/// (RFC 5626 §3.5.1). Runs on the layer's event loop; reports to the layer.
final class StreamFlowHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let layer: SIPTransportLayer
    private let id: UInt64
    private let isTLS: Bool
    /// For client connections made for a DNS name with verification on: the name the
    /// certificate must carry (RFC 5922 §7.2).
    private let requiredDNSName: String?
    private var framer: SIPStreamFramer
    /// Succeeds when the connection can carry messages: at once for TCP, after the
    /// handshake for TLS. Fails with the reason it never got there.
    let ready: EventLoopPromise<Void>
    private var isReady = false

    init(layer: SIPTransportLayer, id: UInt64, isTLS: Bool, limits: SIPLimits, ready: EventLoopPromise<Void>,
         requiredDNSName: String? = nil) {
        self.layer = layer
        self.id = id
        self.isTLS = isTLS
        self.requiredDNSName = requiredDNSName
        self.framer = SIPStreamFramer(limits: limits)
        self.ready = ready
    }

    func channelActive(context: ChannelHandlerContext) {
        if !isTLS { markReady(context) }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls {
            if let requiredDNSName {
                let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate
                let names = certificate.map(TLSNameCheck.dnsNames) ?? []
                guard TLSNameCheck.matches(serverName: requiredDNSName, dnsNames: names) else {
                    errorCaught(context: context, error: TransportError.certificateInvalid(
                        "certificate names \(names) but not \(requiredDNSName)"))
                    return
                }
            }
            markReady(context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func markReady(_ context: ChannelHandlerContext) {
        guard !isReady else { return }
        isReady = true
        layer.connectionReady(id, channel: context.channel)
        ready.succeed()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        layer.streamBytesReceived(id, count: buffer.readableBytes)
        framer.append(buffer.readableBytesView)
        do {
            while let item = try framer.next() {
                switch item {
                case .message(let message):
                    layer.streamMessageReceived(id, message)
                case .keepAlivePing:
                    // RFC 5626 §3.5.1: a single CRLF answers a double CRLF.
                    var pong = context.channel.allocator.buffer(capacity: 2)
                    pong.writeStaticString("\r\n")
                    context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
                    layer.streamPingAnswered(id)
                case .keepAlivePong:
                    layer.streamPongReceived(id)
                }
            }
        } catch {
            let reason: TransportError = error.kind == .tooLarge ? .messageTooLarge : .malformedStream(error.description)
            layer.streamInputRejected(id, reason)
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let mapped = TransportError(error)
        if !isReady { ready.fail(mapped) }
        layer.streamFailed(id, mapped)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !isReady { ready.fail(TransportError.connectionClosed) }
        layer.connectionClosed(id)
        context.fireChannelInactive()
    }
}

/// Receives the datagrams of one UDP listener.
final class DatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let layer: SIPTransportLayer
    private let listener: Int
    /// Set for a socket connected to one destination (see `+UDPErrors`).
    private let connectedTo: SIPTarget?

    init(layer: SIPTransportLayer, listener: Int, connectedTo: SIPTarget? = nil) {
        self.layer = layer
        self.listener = listener
        self.connectedTo = connectedTo
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        layer.datagramReceived(listener: listener, from: envelope.remoteAddress,
                               bytes: Array(envelope.data.readableBytesView))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A UDP socket's errors are not fatal to it (NIO keeps it open). On a connected
        // socket, ECONNREFUSED is ICMP port unreachable from its one destination.
        let mapped = TransportError(error)
        if let connectedTo, mapped == .connectionRefused || mapped == .unreachable {
            layer.datagramUnreachable(listener: listener, remote: connectedTo, .unreachable)
        } else {
            layer.datagramError(listener: listener, mapped)
        }
    }
}
