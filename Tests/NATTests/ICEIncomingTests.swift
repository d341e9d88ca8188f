import Testing
@testable import NAT

@Suite(.timeLimit(.minutes(1)))
struct ICEIncomingTests {
    typealias T = ICECheckListTests

    /// A controlling (or controlled) agent with one host candidate and one remote host.
    static func running(_ role: ICERole, tieBreaker seed: UInt64 = 21) -> ICEAgent {
        var agent = ICEAgent.test(role: role, seed: seed)
        agent.gatherHostCandidates(interfaces: [ta("10.0.0.2:0")], ports: [5000])
        agent.setRemote(T.description([T.remote(.host, "10.0.0.9:6000")]), now: iceT0)
        return agent
    }

    static func incoming(_ agent: ICEAgent, role: ICERoleAttribute?, source: String = "10.0.0.9:6000", username: String? = nil,
                         useCandidate: Bool = false) -> ICEIncomingRequest {
        ICEIncomingRequest(
            transactionID: ICETransactionID(high: 7, low: 7), username: username ?? agent.localCredentials.ufrag + ":RMTE",
            priority: 1_862_270_975, useCandidate: useCandidate, role: role, arrivedOn: .socket(ta("10.0.0.2:5000")), source: ta(source))
    }

    static func responses(_ agent: inout ICEAgent) -> [ICEResponse] {
        agent.takeOutputs().compactMap { if case .sendResponse(let r) = $0 { r } else { nil } }
    }

    @Test func answersWithTheSourceAsMappedAddressKeyedWithTheLocalPassword() {
        var agent = Self.running(.controlled)
        agent.receiveRequest(Self.incoming(agent, role: ICERoleAttribute(role: .controlling, tieBreaker: 1), source: "203.0.113.5:7000"), now: iceT0)
        let r = Self.responses(&agent)
        #expect(r == [ICEResponse(transactionID: ICETransactionID(high: 7, low: 7), from: .socket(ta("10.0.0.2:5000")),
                                  to: ta("203.0.113.5:7000"), result: .success(mapped: ta("203.0.113.5:7000")), key: agent.localCredentials.pwd)])
        // An unknown source is a peer-reflexive remote candidate with the request's priority.
        let learned = agent.remoteCandidates.first { $0.address == ta("203.0.113.5:7000") }
        #expect(learned?.kind == .peerReflexive && learned?.priority == 1_862_270_975)
        agent.tick(now: iceT0)
        #expect(agent.takeChecks().first?.to == ta("203.0.113.5:7000"))
    }

    @Test func badOrForeignUsernamesAreRefused() {
        var agent = Self.running(.controlled)
        var noName = Self.incoming(agent, role: nil)
        noName.username = nil
        agent.receiveRequest(noName, now: iceT0)
        agent.receiveRequest(Self.incoming(agent, role: nil, username: "nope:RMTE"), now: iceT0)
        let codes = Self.responses(&agent).map(\.result)
        #expect(codes == [.failure(code: 400, reason: "Bad Request"), .failure(code: 401, reason: "Unauthorized")])
        #expect(agent.key(forUsername: "nope:RMTE") == nil)
        #expect(agent.key(forUsername: agent.localCredentials.ufrag + ":x") == agent.localCredentials.pwd)
    }

    @Test func roleConflictBothControllingLargerTieBreakerWins() {
        var agent = Self.running(.controlling)
        // Ours is larger: the peer must switch (487).
        agent.receiveRequest(Self.incoming(agent, role: ICERoleAttribute(role: .controlling, tieBreaker: agent.tieBreaker - 1)), now: iceT0)
        #expect(Self.responses(&agent).map(\.result) == [.failure(code: 487, reason: "Role Conflict")])
        #expect(agent.role == .controlling)
        // Theirs is larger: this agent becomes controlled and answers.
        agent.receiveRequest(Self.incoming(agent, role: ICERoleAttribute(role: .controlling, tieBreaker: agent.tieBreaker + 1)), now: iceT0)
        #expect(agent.role == .controlled)
        let out = agent.takeOutputs()
        #expect(out.contains(.roleChanged(.controlled)))
        #expect(out.contains { if case .sendResponse(let r) = $0 { r.result == .success(mapped: ta("10.0.0.9:6000")) } else { false } })
    }

    @Test func roleConflictBothControlledLargerTieBreakerTakesControl() {
        var agent = Self.running(.controlled)
        agent.receiveRequest(Self.incoming(agent, role: ICERoleAttribute(role: .controlled, tieBreaker: agent.tieBreaker + 1)), now: iceT0)
        #expect(Self.responses(&agent).map(\.result) == [.failure(code: 487, reason: "Role Conflict")])
        #expect(agent.role == .controlled)
        agent.receiveRequest(Self.incoming(agent, role: ICERoleAttribute(role: .controlled, tieBreaker: agent.tieBreaker - 1)), now: iceT0)
        #expect(agent.role == .controlling)
        #expect(agent.takeOutputs().contains(.roleChanged(.controlling)))
    }

    @Test func roleConflictResponseSwitchesRoleAndRetries() throws {
        var agent = Self.running(.controlling)
        agent.tick(now: iceT0)
        let check = try #require(agent.takeChecks().first)
        agent.receiveResponse(ICEIncomingResponse(transactionID: check.transactionID, arrivedOn: check.from, source: check.to,
                                                  result: .failure(code: 487)), now: iceT0 + .milliseconds(20))
        #expect(agent.role == .controlled)
        agent.tick(now: iceT0 + .milliseconds(50))
        let retry = try #require(agent.takeChecks().first)
        #expect(retry.to == check.to && retry.transactionID != check.transactionID && retry.role.role == .controlled)
    }

    @Test func asymmetricOrErrorResponsesFailThePair() throws {
        var agent = Self.running(.controlling)
        agent.tick(now: iceT0)
        let check = try #require(agent.takeChecks().first)
        agent.receiveResponse(ICEIncomingResponse(transactionID: check.transactionID, arrivedOn: check.from, source: ta("10.0.0.10:6000"),
                                                  result: .success(mapped: ta("10.0.0.2:5000"))), now: iceT0)
        #expect(agent.pairs.first?.state == .failed)
        guard case .failed = agent.state else {
            Issue.record("expected failure")
            return
        }
        // Unknown transactions are ignored.
        var other = Self.running(.controlling)
        other.receiveResponse(success(to: check, mapped: ta("10.0.0.2:5000")), now: iceT0)
        #expect(other.takeOutputs().isEmpty && other.pairs.first?.state == .waiting)
    }

    @Test func unknownMappedAddressIsAPeerReflexiveLocalCandidate() throws {
        var agent = Self.running(.controlling)
        agent.tick(now: iceT0)
        let check = try #require(agent.takeChecks().first)
        agent.receiveResponse(success(to: check, mapped: ta("203.0.113.1:41000")), now: iceT0 + .milliseconds(10))
        let learned = try #require(agent.localCandidates.first { $0.kind == .peerReflexive })
        #expect(learned.address == ta("203.0.113.1:41000") && learned.base == ta("10.0.0.2:5000") && learned.priority == check.priority)
        #expect(agent.validPairs.map(\.pair.local) == [learned])
        #expect(agent.pairs.count == 1)  // learned local candidates are not paired
        #expect(!agent.signalledCandidates.contains(learned))
    }

    @Test func requestsBeforeTheRemoteDescriptionAreAnsweredAndRemembered() throws {
        var agent = ICEAgent.test(role: .controlled, seed: 4)
        agent.gatherHostCandidates(interfaces: [ta("10.0.0.2:0")], ports: [5000])
        agent.receiveRequest(Self.incoming(agent, role: ICERoleAttribute(role: .controlling, tieBreaker: 1), source: "198.51.100.9:9"), now: iceT0)
        #expect(Self.responses(&agent).count == 1)
        agent.setRemote(T.description([T.remote(.host, "10.0.0.9:6000")]), now: iceT0 + .milliseconds(100))
        agent.tick(now: iceT0 + .milliseconds(100))
        #expect(agent.takeChecks().first?.to == ta("198.51.100.9:9"))
    }
}
