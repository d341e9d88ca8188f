import NIOCore
import NIOPosix

/// One query to one nameserver over UDP or TCP, ended by the answer or the timeout.
enum DNSExchange {
    /// How one exchange ended, short of an answer.
    enum Failure: Error {
        case timeout
        case malformed(DNSParseError)
        case transport(String)
    }

    static func udp(_ query: DNSQuery, bytes: [UInt8], to server: SocketAddress, timeout: Duration,
                    on loop: any EventLoop) async throws(Failure) -> DNSMessage {
        let promise = loop.makePromise(of: DNSMessage.self)
        let channel: any Channel
        do {
            let bindHost = server.protocol == .inet6 ? "::" : "0.0.0.0"
            channel = try await DatagramBootstrap(group: loop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            DNSUDPResponseHandler(query: query, server: server, promise: promise))
                    }
                }
                .bind(host: bindHost, port: 0).get()
        } catch {
            promise.fail(error)
            throw .transport("\(error)")
        }
        defer { channel.close(promise: nil) }
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: server, data: buffer)).cascadeFailure(to: promise)
        return try await awaiting(promise, timeout: timeout, on: loop)
    }

    static func tcp(_ query: DNSQuery, bytes: [UInt8], to server: SocketAddress, timeout: Duration,
                    on loop: any EventLoop) async throws(Failure) -> DNSMessage {
        let promise = loop.makePromise(of: DNSMessage.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .connectTimeout(TimeAmount(timeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(DNSTCPFrameDecoder()))
                        try channel.pipeline.syncOperations.addHandler(DNSTCPResponseHandler(query: query, promise: promise))
                    }
                }
                .connect(to: server).get()
        } catch {
            promise.fail(error)
            throw .transport("\(error)")
        }
        defer { channel.close(promise: nil) }
        var buffer = channel.allocator.buffer(capacity: bytes.count + 2)
        buffer.writeInteger(UInt16(bytes.count))
        buffer.writeBytes(bytes)
        channel.writeAndFlush(buffer).cascadeFailure(to: promise)
        return try await awaiting(promise, timeout: timeout, on: loop)
    }

    private static func awaiting(_ promise: EventLoopPromise<DNSMessage>, timeout: Duration,
                                 on loop: any EventLoop) async throws(Failure) -> DNSMessage {
        let timer = loop.scheduleTask(in: TimeAmount(timeout)) { promise.fail(Failure.timeout) }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        do {
            return try await promise.futureResult.get()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .transport("\(error)")
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// Waits for the datagram that answers the query. Datagrams from another address, or with
/// another id or question, are dropped (they may be spoofed or late answers); an answer that
/// matches but cannot be read fails the exchange.
final class DNSUDPResponseHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let query: DNSQuery
    private let server: SocketAddress
    private let promise: EventLoopPromise<DNSMessage>

    init(query: DNSQuery, server: SocketAddress, promise: EventLoopPromise<DNSMessage>) {
        (self.query, self.server, self.promise) = (query, server, promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard envelope.remoteAddress == server else { return }
        let bytes = Array(envelope.data.readableBytesView)
        do {
            promise.succeed(try DNSMessage.parseResponse(bytes, to: query))
        } catch {
            switch error.kind {
            case .idMismatch, .questionMismatch, .notAResponse: return
            default: promise.fail(DNSExchange.Failure.malformed(error))
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP port unreachable arrives as a read error: this server is not there.
        promise.fail(DNSExchange.Failure.transport("\(error)"))
    }
}

/// Splits a TCP stream into DNS messages, each preceded by its 16-bit length (RFC 1035 §4.2.2).
struct DNSTCPFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = [UInt8]

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
              buffer.readableBytes >= 2 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 2)
        guard let bytes = buffer.readBytes(length: Int(length)) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(bytes))
        return .continue
    }
}

/// Reads the answer on a TCP connection; the connection closing first fails the exchange.
final class DNSTCPResponseHandler: ChannelInboundHandler {
    typealias InboundIn = [UInt8]

    private let query: DNSQuery
    private let promise: EventLoopPromise<DNSMessage>

    init(query: DNSQuery, promise: EventLoopPromise<DNSMessage>) {
        (self.query, self.promise) = (query, promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        do {
            promise.succeed(try DNSMessage.parseResponse(unwrapInboundIn(data), to: query))
        } catch {
            promise.fail(DNSExchange.Failure.malformed(error))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(DNSExchange.Failure.transport("connection closed before the answer"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(DNSExchange.Failure.transport("\(error)"))
    }
}
