import Foundation
import NIOPosix
import SIPMessage
import TestLab
import Testing

@testable import SIPStack

/// The stack and digest authentication against Kamailio: REGISTER → 401 → REGISTER with
/// Authorization → 200, then a refresh that is authorized pre-emptively, over every
/// transport and address family.
@Suite(.timeLimit(.minutes(1))) struct RegisterInteropTests {
    static let cases: [(LabTransport, Bool)] = [
        (.udp, false), (.tcp, false), (.tls, false), (.udp, true), (.tcp, true), (.tls, true),
    ]

    @Test(arguments: cases)
    func registerWithDigestAuthentication(_ transport: LabTransport, ipv6: Bool) async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "s3cret"], transports: [transport], ipv6: ipv6)
            let listener = try #require(kamailio.listener(transport, ipv6: ipv6))
            let host = ipv6 ? "[::1]" : "127.0.0.1"
            var configuration = SIPStack.Configuration()
            configuration.listen = ["udp:\(host):0", "tcp:\(host):0"]
            configuration.transport.tls.additionalCAFile = kamailio.certificateAuthority?.certificate.path
            let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration)
            _ = try await stack.start()
            let target = SIPTarget(transport: SIPTransport(transport.rawValue), address: listener.bareHost,
                                   port: UInt16(listener.port))
            var auth = DigestClient { realm in realm.isEmpty ? nil : SIPCredentials(username: "alice", password: "s3cret") }

            var request = StackRequests.register(user: "alice", domain: listener.bareHost.contains(":") ? "[\(listener.bareHost)]" : listener.bareHost)
            var response = try #require(try await StackRequests.final(stack.send(request, to: [target])))
            #expect(response.statusCode == 401)
            guard case .retry(let retry) = auth.handle(response, to: request) else {
                Issue.record("no retry for \(response.statusCode)")
                return
            }
            request = StackRequests.nextCSeq(retry)
            response = try #require(try await StackRequests.final(stack.send(request, to: [target])))
            #expect(response.statusCode == 200)
            try await kamailio.waitFor(200, "REGISTER", user: "alice")

            // The refresh carries credentials before being asked.
            var refresh = StackRequests.nextCSeq(request)
            refresh.headers.remove("Authorization")
            auth.authorize(&refresh)
            #expect(refresh.headers.contains("Authorization"))
            response = try #require(try await StackRequests.final(stack.send(refresh, to: [target])))
            #expect(response.statusCode == 200)
            // Kamailio's worker logs the request after it answers: the 200 may reach us first.
            try await Poll.until("the refresh in Kamailio's log", timeout: .seconds(5)) {
                kamailio.events().filter { $0.method == "REGISTER" }.count >= 3
            }
            let events = kamailio.events().filter { $0.method == "REGISTER" }
            #expect(events.map(\.status) == [401, 200, 200], "\(events)")
            #expect(events.allSatisfy { $0.transport == transport.rawValue })
            try await stack.shutdown()
        }
    }

    @Test func aWrongPasswordFailsAfterOneRetry() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "s3cret"], transports: [.udp])
            let listener = try #require(kamailio.listener(.udp))
            var configuration = SIPStack.Configuration()
            configuration.listen = ["udp:127.0.0.1:0"]
            let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration)
            _ = try await stack.start()
            let target = SIPTarget(transport: .udp, address: "127.0.0.1", port: UInt16(listener.port))
            var auth = DigestClient { _ in SIPCredentials(username: "alice", password: "Xq7-not-it") }
            var request = StackRequests.register(user: "alice", domain: "127.0.0.1")
            var outcomes: [String] = []
            for _ in 0..<4 {
                let response = try #require(try await StackRequests.final(stack.send(request, to: [target])))
                switch auth.handle(response, to: request) {
                case .retry(let retry):
                    outcomes.append("retry")
                    request = StackRequests.nextCSeq(retry)
                case .failed(let failure):
                    outcomes.append("failed: \(failure)")
                case .notAChallenge:
                    outcomes.append("\(response.statusCode)")
                }
                if outcomes.last != "retry" { break }
            }
            #expect(outcomes.count == 2)
            #expect(outcomes.first == "retry")
            #expect(outcomes.last?.hasPrefix("failed") == true)
            #expect(outcomes.last?.contains("Xq7-not-it") == false, "the password never shows")
            try await stack.shutdown()
        }
    }
}
