import Foundation
import NIOCore
import NIOPosix
import SIPMessage
import Testing

@testable import SIPStack

/// The stack end to end on loopback: a client stack's request reaches a server stack's
/// UA, whose answer comes back through both transaction layers.
@Suite(.timeLimit(.minutes(1))) struct StackTests {
    static func options(to uri: String, callID: String = "stack-\(UInt64.random(in: 0...UInt64.max))") throws -> SIPRequest {
        var headers = SIPHeaders()
        headers.append(name: "Max-Forwards", value: "70")
        headers.append(name: "From", value: "<sip:alice@127.0.0.1>;tag=a1")
        headers.append(name: "To", value: "<\(uri)>")
        headers.append(name: "Call-ID", value: callID)
        headers.append(name: "CSeq", value: "1 OPTIONS")
        headers.append(name: "Content-Length", value: "0")
        return SIPRequest(method: .options, requestURI: uri, headers: headers)
    }

    /// A stack whose UA answers every request with `status`.
    static func answeringStack(_ status: Int, listen: [String], on loop: any EventLoop) async throws -> (SIPStack, [BoundListener]) {
        var configuration = SIPStack.Configuration()
        configuration.listen = listen
        let stack = SIPStack(eventLoop: loop, configuration: configuration)
        let bound = try await stack.start()
        Task {
            for await incoming in stack.incomingRequests {
                incoming.respond(status, status == 200 ? "OK" : "Service Unavailable", toTag: "srv")
            }
        }
        return (stack, bound)
    }

    static func quickTimers() -> TransactionTimers {
        TransactionTimers(t1: .milliseconds(20), t2: .milliseconds(80), t4: .milliseconds(100))
    }

    @Test(arguments: ["udp", "tcp"], ["127.0.0.1", "[::1]"])
    func aRequestIsAnsweredThroughTwoStacks(transport: String, host: String) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let (server, bound) = try await Self.answeringStack(200, listen: ["\(transport):\(host):0"], on: group.next())
        var configuration = SIPStack.Configuration()
        configuration.listen = ["\(transport):\(host):0"]
        let client = SIPStack(eventLoop: group.next(), configuration: configuration)
        _ = try await client.start()
        let port = try #require(bound.first).port
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let uri = "sip:bob@\(host):\(port);transport=\(transport)"
        var finals: [SIPResponse] = []
        for try await response in client.send(try Self.options(to: uri), to: [SIPTarget(transport: SIPTransport(transport), address: bare, port: port)]) {
            if response.statusCode >= 200 { finals.append(response) }
        }
        #expect(finals.map(\.statusCode) == [200])
        let via = try #require(try SIPMessage.response(finals[0]).via.first)
        #expect(via.branch?.hasPrefix("z9hG4bK") == true)
        #expect(via.rport != nil)
        try await client.shutdown()
        try await server.shutdown()
        try await group.shutdownGracefully()
    }

    @Test func aSilentTargetTimesOutAndTheNextOneAnswers() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let (server, bound) = try await Self.answeringStack(200, listen: ["udp:127.0.0.1:0"], on: group.next())
        // A UDP socket that never answers: the first target.
        let silent = try await DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        var configuration = SIPStack.Configuration()
        configuration.listen = ["udp:127.0.0.1:0"]
        configuration.timers = Self.quickTimers()
        let client = SIPStack(eventLoop: group.next(), configuration: configuration)
        _ = try await client.start()
        let targets = [
            SIPTarget(transport: .udp, address: "127.0.0.1", port: UInt16(try #require(silent.localAddress?.port))),
            SIPTarget(transport: .udp, address: "127.0.0.1", port: try #require(bound.first).port),
        ]
        var codes: [Int] = []
        for try await response in client.send(try Self.options(to: "sip:bob@example.test"), to: targets) {
            codes.append(response.statusCode)
        }
        #expect(codes == [200])
        try await silent.close()
        try await client.shutdown()
        try await server.shutdown()
        try await group.shutdownGracefully()
    }

    @Test func a503FailsOverAndARefusedConnectionToo() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let (busy, busyBound) = try await Self.answeringStack(503, listen: ["tcp:127.0.0.1:0"], on: group.next())
        let (good, goodBound) = try await Self.answeringStack(200, listen: ["tcp:127.0.0.1:0"], on: group.next())
        var configuration = SIPStack.Configuration()
        configuration.listen = ["tcp:127.0.0.1:0"]
        let client = SIPStack(eventLoop: group.next(), configuration: configuration)
        _ = try await client.start()
        let refusing = try ReservedPort(.refusingTCP)
        let targets = [refusing.port, try #require(busyBound.first).port, try #require(goodBound.first).port]
            .map { SIPTarget(transport: .tcp, address: "127.0.0.1", port: $0) }
        var codes: [Int] = []
        for try await response in client.send(try Self.options(to: "sip:bob@example.test"), to: targets) {
            codes.append(response.statusCode)
        }
        #expect(codes == [200])
        try await client.shutdown()
        try await busy.shutdown()
        try await good.shutdown()
        try await group.shutdownGracefully()
    }

    @Test func everyTargetFailingEndsTheStreamWithTheLastError() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let silent = try await DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        var configuration = SIPStack.Configuration()
        configuration.listen = ["udp:127.0.0.1:0"]
        configuration.timers = Self.quickTimers()
        let client = SIPStack(eventLoop: group.next(), configuration: configuration)
        _ = try await client.start()
        let target = SIPTarget(transport: .udp, address: "127.0.0.1", port: UInt16(try #require(silent.localAddress?.port)))
        await #expect(throws: StackError.timeout(target)) {
            for try await _ in client.send(try Self.options(to: "sip:bob@example.test"), to: [target]) {}
        }
        try await silent.close()
        try await client.shutdown()
        try await group.shutdownGracefully()
    }
}

/// RFC 3261 §18.1.2: responses whose top Via is not ours never reach transactions or
/// the dialog layer.
@Suite(.timeLimit(.minutes(1))) struct ForeignResponseTests {
    @Test func aResponseWithSomeoneElsesViaIsDiscarded() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var configuration = SIPStack.Configuration()
        configuration.listen = ["udp:127.0.0.1:0"]
        let stack = SIPStack(eventLoop: group.next(), configuration: configuration)
        let port = try #require(try await stack.start().first).port
        let sender = try await DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let destination = try SocketAddress(ipAddress: "127.0.0.1", port: Int(port))
        func response(via: String) -> String {
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP \(via);branch=z9hG4bKforeign\r\nFrom: <sip:a@x>;tag=1\r\n"
                + "To: <sip:b@x>;tag=2\r\nCall-ID: foreign@x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"
        }
        // Our sent-by becomes known when we send a request from it (the answer never comes).
        let silent = SIPTarget(transport: .udp, address: "127.0.0.1", port: UInt16(try #require(sender.localAddress?.port)))
        _ = stack.send(try StackTests.options(to: "sip:nobody@127.0.0.1"), to: [silent])
        try await Task.sleep(for: .milliseconds(100))
        // A stray 2xx to an INVITE goes to the dialog layer, unless its sent-by is foreign.
        for via in ["192.0.2.99:5060", "127.0.0.1:\(port)"] {
            try await sender.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: ByteBuffer(string: response(via: via))))
        }
        var first: SIPMessage?
        for await message in stack.dialogMessages {
            first = message
            break
        }
        let via = try #require(try first?.via.first)
        #expect(via.port == port, "the foreign response was discarded; ours arrived")
        try await sender.close()
        try await stack.shutdown()
        try await group.shutdownGracefully()
    }
}
