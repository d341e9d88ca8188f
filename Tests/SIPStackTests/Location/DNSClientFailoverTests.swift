import NIOCore
import NIOPosix
import Testing
@testable import SIPStack

/// A bound UDP socket that never answers.
private func silentServer() async throws -> (any Channel, UInt16) {
    let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
    return (channel, UInt16(try #require(channel.localAddress?.port)))
}

@Test(.timeLimit(.minutes(1)))
func silentNameserverTimesOut() async throws {
    let (silent, port) = try await silentServer()
    defer { silent.close(promise: nil) }
    let client = DNSClient(configuration: ResolvConf(nameservers: [.init(address: "127.0.0.1", port: port)],
                                                     timeout: .milliseconds(200), attempts: 2))
    let start = ContinuousClock.now
    let question = DNSQuestion(name: "example.test", type: .a)
    await #expect(throws: DNSError.timeout(question)) { try await client.lookup(question) }
    // Two attempts of 200 ms each.
    #expect(ContinuousClock.now - start >= .milliseconds(400))
}

@Test(.timeLimit(.minutes(1)))
func nextNameserverAnswersAfterATimeout() async throws {
    let (silent, silentPort) = try await silentServer()
    defer { silent.close(promise: nil) }
    let (server, channel, port) = try await TinyDNSServer.start()
    defer { channel.close(promise: nil) }
    let client = DNSClient(configuration: ResolvConf(nameservers: [.init(address: "127.0.0.1", port: silentPort),
                                                                   .init(address: "127.0.0.1", port: port)],
                                                     timeout: .milliseconds(200), attempts: 1))
    #expect(try await client.resolve("example.test", .a).map(\.data) == [.a("192.0.2.1")])
    #expect(server.queries.withLock { $0 } == 1)
}

@Test(.timeLimit(.minutes(1)))
func serverFailureIsTriedOnEveryServerThenReported() async throws {
    let (server, channel, port) = try await TinyDNSServer.start()
    defer { channel.close(promise: nil) }
    let client = DNSClient(configuration: ResolvConf(nameservers: [.init(address: "127.0.0.1", port: port)],
                                                     timeout: .seconds(2), attempts: 3))
    let question = DNSQuestion(name: "fail.test", type: .srv)
    await #expect(throws: DNSError.serverFailure(question, rcode: 2)) { try await client.lookup(question) }
    #expect(server.queries.withLock { $0 } == 3)
    // Failures are not cached.
    await #expect(throws: DNSError.serverFailure(question, rcode: 2)) { try await client.lookup(question) }
    #expect(server.queries.withLock { $0 } == 6)
}

@Test func unencodableNameFailsBeforeSending() async {
    let client = DNSClient(configuration: ResolvConf(nameservers: [.init(address: "127.0.0.1", port: 9)]))
    let question = DNSQuestion(name: String(repeating: "x", count: 64) + ".test", type: .a)
    await #expect {
        try await client.lookup(question)
    } throws: { error in
        if case .badName = error as? DNSError { true } else { false }
    }
}
