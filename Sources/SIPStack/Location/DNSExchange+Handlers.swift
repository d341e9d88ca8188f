import NIOCore

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
