import NIOCore
import NIOPosix

/// A TCP server that accepts connections and ignores what they send (no pongs).
struct RawServer {
    let group: MultiThreadedEventLoopGroup
    let channel: any Channel
    let port: UInt16

    static func start() async throws -> RawServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        return RawServer(group: group, channel: channel, port: UInt16(channel.localAddress?.port ?? 0))
    }

    func stop() async throws {
        try await channel.close().get()
        try await group.shutdownGracefully()
    }
}

/// A TCP client that writes bytes exactly as told (one byte per write, or many messages
/// in one write) and notices when the server closes.
final class RawClient: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private(set) var channel: (any Channel)?
    let closed: EventLoopPromise<Void>

    init() { closed = group.next().makePromise() }

    func connect(port: UInt16) async throws {
        let handler = self
        channel = try await ClientBootstrap(group: group)
            .channelInitializer { ch in
                ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(handler) }
            }
            .connect(host: "127.0.0.1", port: Int(port)).get()
    }

    func channelInactive(context: ChannelHandlerContext) { closed.succeed() }

    /// Writes `bytes` in writes of `chunk` bytes, flushing each.
    func write(_ bytes: [UInt8], chunk: Int) async throws {
        guard let channel else { return }
        var i = 0
        while i < bytes.count {
            let end = min(i + chunk, bytes.count)
            try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes[i..<end])).get()
            i = end
        }
    }

    func stop() async throws {
        try? await channel?.close().get()
        try await group.shutdownGracefully()
    }
}
