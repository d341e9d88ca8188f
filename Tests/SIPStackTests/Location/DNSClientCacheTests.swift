import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import SIPStack

/// A loopback UDP DNS server for client tests: `example.test A` → 192.0.2.1 with TTL 60,
/// `fail.test` SERVFAIL, anything else NXDOMAIN with a SOA of TTL 30; it counts the queries.
final class TinyDNSServer: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>
    let queries = Mutex(0)

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let bytes = Array(envelope.data.readableBytesView)
        guard let query = try? DNSMessage.parse(bytes), let question = query.questions.first else { return }
        queries.withLock { $0 += 1 }
        let questionBytes = DNSBytes.question(question.name, type: Int(question.type.rawValue))
        var reply: [UInt8]
        if question == DNSQuestion(name: "example.test", type: .a) {
            reply = DNSBytes.header(id: Int(query.id), flags: 0x8580, an: 1) + questionBytes
                + DNSBytes.record(DNSBytes.pointer(12), type: 1, ttl: 60, rdata: [192, 0, 2, 1])
        } else if question.name == "fail.test" {
            reply = DNSBytes.header(id: Int(query.id), flags: 0x8182) + questionBytes
        } else {
            let soa = DNSBytes.name("ns.test") + DNSBytes.name("admin.test") + [UInt8](repeating: 0, count: 16) + DNSBytes.u32(3600)
            reply = DNSBytes.header(id: Int(query.id), flags: 0x8583, ns: 1) + questionBytes
                + DNSBytes.record(DNSBytes.name("test"), type: 6, ttl: 30, rdata: soa)
        }
        var buffer = context.channel.allocator.buffer(capacity: reply.count)
        buffer.writeBytes(reply)
        context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: buffer)), promise: nil)
    }
}

extension TinyDNSServer {
    /// Starts one on a free loopback port.
    static func start() async throws -> (TinyDNSServer, any Channel, UInt16) {
        let server = TinyDNSServer()
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { $0.pipeline.addHandler(server) }
            .bind(host: "127.0.0.1", port: 0).get()
        return (server, channel, UInt16(try #require(channel.localAddress?.port)))
    }
}

private final class VirtualClock: Sendable {
    let start = ContinuousClock.now
    private let offset = Mutex(Duration.zero)
    func advance(_ d: Duration) { offset.withLock { $0 += d } }
    var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
}

@Test(.timeLimit(.minutes(1)))
func clientCachesForTheTTLOnItsClock() async throws {
    let (server, channel, port) = try await TinyDNSServer.start()
    defer { channel.close(promise: nil) }
    let clock = VirtualClock()
    let ids = Mutex(UInt16(100))
    let client = DNSClient(configuration: ResolvConf(nameservers: [.init(address: "127.0.0.1", port: port)],
                                                     timeout: .seconds(2), attempts: 1),
                           now: { clock.now }, randomID: { ids.withLock { $0 &+= 1; return $0 } })

    let answer = [DNSRecord(name: "example.test", ttl: 60, data: .a("192.0.2.1"))]
    #expect(try await client.resolve("example.test", .a) == answer)
    clock.advance(.seconds(59))
    #expect(try await client.resolve("Example.Test.", .a) == answer)
    #expect(server.queries.withLock { $0 } == 1)
    clock.advance(.seconds(1))
    #expect(try await client.resolve("example.test", .a) == answer)
    #expect(server.queries.withLock { $0 } == 2)

    // NXDOMAIN is remembered for the SOA's TTL (30 s, under its minimum of 3600).
    let gone = DNSQuestion(name: "gone.test", type: .a)
    await #expect(throws: DNSError.nameNotFound(gone)) { try await client.lookup(gone) }
    clock.advance(.seconds(29))
    await #expect(throws: DNSError.nameNotFound(gone)) { try await client.lookup(gone) }
    #expect(server.queries.withLock { $0 } == 3)
    clock.advance(.seconds(1))
    await #expect(throws: DNSError.nameNotFound(gone)) { try await client.lookup(gone) }
    #expect(server.queries.withLock { $0 } == 4)
}
