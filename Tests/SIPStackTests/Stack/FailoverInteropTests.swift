import NIOPosix
import SIPMessage
import TestLab
import Testing

@testable import SIPStack

/// RFC 3263 against real servers: dnsmasq publishes NAPTR → SRV → A for two Kamailio
/// registrars; the priority-10 one fails; the REGISTER must reach the priority-20 one.
@Suite(.timeLimit(.minutes(1))) struct FailoverInteropTests {
    @Test(arguments: [FailoverDomain.Failure.stopped, .silent, .unavailable, .none])
    func aRegisterFailsOverToTheSecondServer(_ failure: FailoverDomain.Failure) async throws {
        try await Lab.run { lab in
            let domain = try await lab.startFailoverDomain(users: ["alice": "secret"], failure: failure)
            let dns = DNSClient(configuration: ResolvConf(
                nameservers: [.init(address: "127.0.0.1", port: UInt16(domain.dns.port))],
                timeout: .seconds(2), attempts: 1))
            var configuration = SIPStack.Configuration()
            configuration.listen = ["udp:127.0.0.1:0", "tcp:127.0.0.1:0"]
            configuration.timers = TransactionTimers(t1: .milliseconds(50), t2: .milliseconds(400), t4: .milliseconds(500))
            let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                 resolver: ServerLocator(resolver: dns))
            _ = try await stack.start()
            let response = try await StackRequests.final(
                stack.send(StackRequests.register(user: "alice", domain: domain.domain)))
            try #require(response?.statusCode == 401, "\(String(describing: response?.statusCode))")
            // Without a failure the priority-10 server answers; otherwise only the other one does.
            let answering = failure == .none ? domain.primary : domain.secondary
            let other = failure == .none ? domain.secondary : domain.primary
            try await answering.waitFor(401, "REGISTER", user: "alice")
            #expect(!other.events().contains { $0.status == 401 })
            try await stack.shutdown()
        }
    }
}
