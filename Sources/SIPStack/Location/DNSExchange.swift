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
