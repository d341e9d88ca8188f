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

#if canImport(Glibc)
import Glibc
#endif

/// A TCP port on 127.0.0.1 that is bound but not listening: nothing else can take it
/// while this is open (no SO_REUSEADDR), and a connection to it is refused.
final class ReservedClosedPort {
    private let fd: CInt
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard fd >= 0, bound == 0, named == 0 else {
            if fd >= 0 { close(fd) }
            throw ReservedPortFailed()
        }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(fd) }

    struct ReservedPortFailed: Error {}
}
