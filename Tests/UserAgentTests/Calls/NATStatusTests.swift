import Media
import NAT
import SIPMessage
import Testing
import TestLab
@testable import UserAgent

/// `nat status` through the user agent: two in-process phones call with ICE on, and the
/// report shows the call's candidates and the host pair ICE chose.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct NATStatusTests {
    static func phone(_ user: String, engine: MediaEngine, ports: ClosedRange<UInt16>, network: NetworkSettings = NetworkSettings(),
                      configure: (inout AccountConfig) -> Void = { _ in }) async throws -> TestPhone {
        var audio = AudioSettings()
        audio.backend = .file
        return try await TestPhone.start(user, configure: configure,
                                         media: EngineMedia(engine: engine, ports: ports, audio: audio, network: network))
    }

    /// Asks `nat status` until a report whose first call has a selected pair comes back.
    static func reportWithPair(_ phone: TestPhone) async throws -> NATReport? {
        for _ in 0..<25 {
            await phone.log.reset()
            await phone.send(.nat(.status(call: nil)))
            for event in await phone.log.events {
                if case .natStatus(let report) = event, report.calls.first?.nat?.selectedPair != nil { return report }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    @Test func reportsTheAccountsAndTheCallsSelectedHostPair() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        let alice = try await Self.phone("alice", engine: engine, ports: 45000...45999)
        let bob = try await Self.phone("bob", engine: engine, ports: 46000...46999)

        // No call yet: the account's settings alone.
        await alice.send(.nat(.status(call: nil)))
        let idle = try await alice.log.waitFor("nat status", timeout: .seconds(2)) {
            if case .natStatus = $0 { true } else { false }
        }
        #expect(idle == .natStatus(NATReport(accounts: [NATReport.Account(name: "alice", ice: true)], calls: [])))

        await alice.send(.call(target: bob.uri, account: nil))
        _ = try await bob.waitForState(.incoming)
        await bob.send(.answer(call: nil))
        _ = try await alice.waitForState(.established)

        let report = try #require(try await Self.reportWithPair(alice))
        let call = try #require(report.calls.first)
        #expect(report.calls.count == 1)
        #expect(call.call == 1)
        #expect(call.account == "alice")
        let nat = try #require(call.nat)
        #expect(nat.iceState == "completed")
        #expect(nat.role == "controlling")
        let pair = try #require(nat.selectedPair)
        #expect(pair.hasPrefix("host 127.0.0.1:45"), "\(pair)")
        #expect(pair.contains("-> host 127.0.0.1:46"), "\(pair)")
        #expect(nat.localCandidates.contains { $0.hasPrefix("host 127.0.0.1:45") }, "\(nat.localCandidates)")
        #expect(nat.remoteCandidates.contains { $0.hasPrefix("host 127.0.0.1:46") }, "\(nat.remoteCandidates)")
        #expect(nat.publicAddress == nil)
        #expect(call.behaviour == "unknown (no STUN server)")

        // The callee sees the mirror image, as the controlled side.
        let bobReport = try #require(try await Self.reportWithPair(bob))
        #expect(bobReport.calls.first?.nat?.role == "controlled")
        #expect(bobReport.calls.first?.nat?.selectedPair?.hasPrefix("host 127.0.0.1:46") == true)

        // One call by number; a number that is no call is an error.
        await alice.log.reset()
        await alice.send(.nat(.status(call: 1)))
        await alice.send(.nat(.status(call: 9)))
        // Events reach the log through the agent's stream: wait for them.
        _ = try await alice.log.waitFor("the report of call 1", timeout: .seconds(2)) {
            if case .natStatus(let r) = $0 { r.calls.map(\.call) == [1] } else { false }
        }
        _ = try await alice.log.waitFor("no call 9", timeout: .seconds(2)) { $0 == .error("no call 9") }

        await alice.send(.hangup(call: nil))
        _ = try await bob.waitForState(.terminated)
        await alice.stop()
        await bob.stop()
    }
}

/// With the lab's registrar and STUN server: the account shows the Contact the registrar
/// holds, and the call the public address coturn saw, which on loopback is our own.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct NATStatusLabTests {
    @Test func registeredContactAndPublicAddressWithoutNAT() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw"], transports: [.udp])
            let coturn = try await lab.startCoturn()
            var network = NetworkSettings()
            network.stunServer = "127.0.0.1:\(coturn.port)"
            let engine = try MediaEngine()
            defer { engine.stop() }
            let alice = try await NATStatusTests.phone("alice", engine: engine, ports: 45000...45999, network: network) { account in
                account.uri = (try? SIPURI.parse("sip:alice@\(kamailio.address)")) ?? account.uri
                account.password = .literal(Secret("a-pw"))
                account.registrar = try? SIPURI.parse("sip:\(kamailio.address)")
                account.register = true
            }
            let bob = try await NATStatusTests.phone("bob", engine: engine, ports: 46000...46999, network: network)
            try await alice.log.waitFor("registered", timeout: .seconds(5)) {
                if case .registration(_, .registered) = $0 { true } else { false }
            }
            await alice.send(.call(target: bob.uri, account: nil))
            _ = try await bob.waitForState(.incoming)
            await bob.send(.answer(call: nil))
            _ = try await alice.waitForState(.established)

            let report = try #require(try await NATStatusTests.reportWithPair(alice))
            let account = try #require(report.accounts.first)
            #expect(account.stunServer == "127.0.0.1:\(coturn.port)")
            #expect(account.registeredContact?.hasPrefix("sip:alice@127.0.0.1:") == true, "\(account.registeredContact ?? "none")")
            let nat = try #require(report.calls.first?.nat)
            #expect(nat.publicAddress?.hasPrefix("127.0.0.1:45") == true, "\(nat.publicAddress ?? "none")")
            #expect(nat.stunFailure == nil)
            #expect(report.calls.first?.behaviour == "no NAT")

            await alice.send(.hangup(call: nil))
            _ = try await bob.waitForState(.terminated)
            await alice.stop()
            await bob.stop()
        }
    }
}

/// The NAT behaviour a report derives from one call's figures.
@Suite(.timeLimit(.minutes(1)))
struct NATBehaviourTests {
    static func snapshot(public address: String?, local: [String]) -> NATSnapshot {
        var nat = NATSnapshot()
        nat.publicAddress = address
        nat.localCandidates = local
        return nat
    }

    @Test func withoutAPublicAddressItIsUnknownAndSaysWhy() {
        #expect(NATReport.behaviour(of: nil, stunServer: true) == "no NAT traversal")
        #expect(NATReport.behaviour(of: Self.snapshot(public: nil, local: []), stunServer: false) == "unknown (no STUN server)")
        #expect(NATReport.behaviour(of: Self.snapshot(public: nil, local: []), stunServer: true)
                == "unknown (no answer from the STUN server yet)")
        var failed = Self.snapshot(public: nil, local: ["host 192.168.1.5:4000 c1"])
        failed.stunFailure = "no answer from 192.0.2.1:3478"
        #expect(NATReport.behaviour(of: failed, stunServer: true) == "unknown (STUN: no answer from 192.0.2.1:3478)")
    }

    @Test func thePublicAddressAgainstOurOwn() {
        func seen(_ seen: String, base: String, hosts: [String] = []) -> NATMappingSeen? {
            NATMappingSeen(seen: Self.ta(seen), base: Self.ta(base), hosts: hosts.map(Self.ta))
        }
        #expect(seen("203.0.113.5:4000", base: "203.0.113.5:4000") == .noNAT)
        #expect(seen("203.0.113.5:4000", base: "192.168.1.5:4000", hosts: ["203.0.113.5:4000"]) == .noNAT)
        #expect(seen("198.51.100.9:4000", base: "192.168.1.5:4000") == .portKept)
        #expect(seen("198.51.100.9:61000", base: "192.168.1.5:4000") == .portChanged)
        #expect(seen("[2001:db8::9]:4000", base: "[fd00::5]:4000") == .portKept)
        #expect(seen("198.51.100.9:4000", base: "0.0.0.0:4000") == nil)
        // The report words what the session saw, not the candidates' text.
        var kept = Self.snapshot(public: "198.51.100.9:4000", local: [])
        kept.mapping = .portKept
        #expect(NATReport.behaviour(of: kept, stunServer: true) == "NAT, port kept")
        var changed = Self.snapshot(public: "198.51.100.9:61000", local: ["relay 203.0.113.1:50000 base 192.168.1.5:4000 c1"])
        changed.mapping = .portChanged
        #expect(NATReport.behaviour(of: changed, stunServer: true) == "NAT, port changed")
        #expect(NATReport.behaviour(of: Self.snapshot(public: "198.51.100.9:4000", local: ["host 198.51.100.9:4000 c1"]), stunServer: true)
                == "unknown (public address 198.51.100.9:4000; no local address to compare)")
    }

    /// "192.0.2.1:5000" or "[2001:db8::1]:5000" (tests only: traps on typos).
    static func ta(_ text: String) -> TransportAddress {
        let split = text.lastIndex(of: ":")!
        return TransportAddress(host: String(text[..<split]), port: UInt16(text[text.index(after: split)...])!)!
    }
}
