import NIOCore
import NIOPosix
import SIPMessage
import Testing

@testable import SIPStack

/// Keep-alives to a registrar: CRLF over UDP reaches the server; OPTIONS reports whether
/// the server answers.
@Suite(.timeLimit(.minutes(1))) struct KeepAliveTests {
    /// Collects what a UDP socket receives, with arrival times (on its event loop).
    final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        private(set) var datagrams: [(bytes: [UInt8], at: ContinuousClock.Instant)] = []
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var envelope = unwrapInboundIn(data)
            datagrams.append((envelope.data.readBytes(length: envelope.data.readableBytes) ?? [], .now))
        }
    }

    static func stack(_ timers: TransactionTimers = .init()) async throws -> SIPStack {
        var configuration = SIPStack.Configuration()
        configuration.listen = ["udp:127.0.0.1:0"]
        configuration.timers = timers
        let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration)
        _ = try await stack.start()
        return stack
    }

    @Test func crlfKeepAlivesReachTheServerEveryInterval() async throws {
        let collector = Collector()
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let server = try await DatagramBootstrap(group: loop)
            .channelInitializer { $0.pipeline.addHandler(collector) }
            .bind(host: "127.0.0.1", port: 0).get()
        let stack = try await Self.stack()
        let target = SIPTarget(transport: .udp, address: "127.0.0.1", port: UInt16(try #require(server.localAddress?.port)))
        let handle = stack.startKeepAlive(to: target, every: .milliseconds(100), using: .crlf)
        // Wait for three; a loaded machine may take longer, never shorter, than the interval.
        let deadline = ContinuousClock.now + .seconds(10)
        var received = try await loop.submit { collector.datagrams }.get()
        while received.count < 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            received = try await loop.submit { collector.datagrams }.get()
        }
        handle.cancel()
        try #require(received.count >= 3, "\(received.count) keep-alives in 10 s")
        #expect(received.allSatisfy { $0.bytes == Array("\r\n\r\n".utf8) })
        let gaps = zip(received.dropFirst(), received).map { $0.at - $1.at }
        #expect(gaps.allSatisfy { $0 >= .milliseconds(80) }, "one every 100 ms, not a flood: \(gaps)")
        try await server.close()
        try await stack.shutdown()
    }

    @Test func optionsKeepAlivesSayWhetherTheServerAnswers() async throws {
        let (server, bound) = try await StackTests.answeringStack(200, listen: ["udp:127.0.0.1:0"],
                                                                  on: MultiThreadedEventLoopGroup.singleton.next())
        let stack = try await Self.stack(TransactionTimers(t1: .milliseconds(20), t2: .milliseconds(80), t4: .milliseconds(100)))
        let live = SIPTarget(transport: .udp, address: "127.0.0.1", port: try #require(bound.first).port)
        let silent = try ReservedPort(.unreachableUDP)
        let dead = SIPTarget(transport: .udp, address: "127.0.0.1", port: silent.port)
        let first = stack.startKeepAlive(to: live, every: .milliseconds(100), using: .options)
        let second = stack.startKeepAlive(to: dead, every: .milliseconds(100), using: .options)
        var seen: [SIPTarget: Bool] = [:]
        for await event in stack.events {
            if case .keepAlive(let target, let alive) = event { seen[target] = alive }
            if seen.count == 2 { break }
        }
        first.cancel()
        second.cancel()
        #expect(seen[live] == true)
        #expect(seen[dead] == false)
        try await stack.shutdown()
        try await server.shutdown()
    }
}
