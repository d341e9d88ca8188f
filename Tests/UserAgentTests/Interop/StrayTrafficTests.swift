import Testing
import TestLab
@testable import UserAgent

/// Item 7: out-of-dialog requests from strangers are refused with 403 and logged once.
@Suite(.timeLimit(.minutes(1)))
struct StrayTrafficTests {
    @Test func scannerGuessingExtensionsGets403AndOneLogLine() async throws {
        try await Lab.run { lab in
            let alice = try await TestPhone.start("alice")
            let scanner = try await lab.startSIPp("scanner", scenario: .inviteClient(expect: 403, t1: .milliseconds(100)),
                                                  remote: "127.0.0.1:\(alice.port)", calls: 3, arguments: ["-s", "100"])
            #expect(try await scanner.result().succeeded)
            let options = try await lab.startSIPp("options", scenario: .requestClient(method: "OPTIONS", expect: 403),
                                                  remote: "127.0.0.1:\(alice.port)", arguments: ["-s", "1000"])
            #expect(try await options.result().succeeded)
            let refusals = await alice.log.events.filter {
                if case .log(_, let text) = $0 { return text.hasPrefix("refused") } else { return false }
            }
            #expect(refusals.count == 1, "one line per source, not per request: \(refusals)")
            #expect(await !alice.log.events.contains { if case .incomingCall = $0 { true } else { false } })
            await alice.stop()
        }
    }

    @Test func requestForTheLocalAccountGetsIn() async throws {
        try await Lab.run { lab in
            let alice = try await TestPhone.start("alice")
            let options = try await lab.startSIPp("options", scenario: .requestClient(method: "OPTIONS", expect: 200),
                                                  remote: "127.0.0.1:\(alice.port)", arguments: ["-s", "alice"])
            #expect(try await options.result().succeeded)
            let caller = try await lab.startSIPp("caller", scenario: .inviteClient(expect: 480, t1: .milliseconds(100)),
                                                 remote: "127.0.0.1:\(alice.port)", arguments: ["-s", "alice"])
            let ringing = try await alice.waitForState(.incoming)
            await alice.send(.reject(call: ringing.id, code: 480))
            #expect(try await caller.result().succeeded)
            await alice.stop()
        }
    }

    @Test func relaxedPolicyLetsEveryoneIn() async throws {
        try await Lab.run { lab in
            let alice = try await TestPhone.start("alice", strictInbound: false)
            let options = try await lab.startSIPp("options", scenario: .requestClient(method: "OPTIONS", expect: 200),
                                                  remote: "127.0.0.1:\(alice.port)", arguments: ["-s", "1000"])
            #expect(try await options.result().succeeded)
            await alice.stop()
        }
    }
}
