import Testing
@testable import NAT

@Suite(.timeLimit(.minutes(1)))
struct ICENominationTests {
    typealias T = ICECheckListTests
    typealias I = ICEIncomingTests

    static func agent(_ role: ICERole, lite: Bool = false) -> ICEAgent {
        var agent = ICEAgent.test(role: role, seed: 31)
        agent.gatherHostCandidates(interfaces: [ta("10.0.0.2:0")], ports: [5000])
        agent.setRemote(T.description([T.remote(.host, "10.0.0.9:6000"), T.remote(.host, "10.0.0.8:6000", foundation: "r2", preference: 1)], lite: lite),
                        now: iceT0)
        return agent
    }

    /// A controlling agent that nominated and selected 10.0.0.8 after waiting for the
    /// better 10.0.0.9, which never answers (returns the time of selection).
    static func completedControlling() throws -> (ICEAgent, ContinuousClock.Instant) {
        var agent = agent(.controlling)
        agent.tick(now: iceT0)
        #expect(agent.takeChecks().map(\.to) == [ta("10.0.0.9:6000")])  // left unanswered
        agent.tick(now: iceT0 + .milliseconds(50))
        let second = try #require(agent.takeChecks().first)
        agent.receiveResponse(success(to: second, mapped: ta("10.0.0.2:5000")), now: iceT0 + .milliseconds(60))
        // The better pair may still answer: wait 500 ms after the first success.
        #expect(agent.nextDeadline == iceT0 + .milliseconds(500))  // the first check's retransmission
        agent.tick(now: iceT0 + .milliseconds(500))
        let retransmitted = agent.takeChecks()
        #expect(retransmitted.count == 1 && retransmitted.allSatisfy { $0.isRetransmission })
        #expect(agent.nextDeadline == iceT0 + .milliseconds(560))
        agent.tick(now: iceT0 + .milliseconds(560))
        let nomination = try #require(agent.takeChecks().first)
        #expect(nomination.useCandidate && nomination.to == ta("10.0.0.8:6000"))
        agent.receiveResponse(success(to: nomination, mapped: ta("10.0.0.2:5000")), now: iceT0 + .milliseconds(570))
        return (agent, iceT0 + .milliseconds(570))
    }

    @Test func controllingNominatesAtOnceWhenTheBestPairAnswers() throws {
        var agent = Self.agent(.controlling)
        agent.tick(now: iceT0)
        let first = try #require(agent.takeChecks().first)
        agent.receiveResponse(success(to: first, mapped: ta("10.0.0.2:5000")), now: iceT0 + .milliseconds(10))
        // The lower pair is still pending, but it cannot beat the valid one.
        agent.tick(now: iceT0 + .milliseconds(50))
        let next = try #require(agent.takeChecks().first)
        #expect(next.useCandidate && next.to == ta("10.0.0.9:6000"))
    }

    @Test func controllingWaitsForBetterPairsThenNominates() throws {
        var (done, _) = try Self.completedControlling()
        #expect(done.state == .completed)
        let selected = try #require(done.selectedPairs[1])
        #expect(selected.remote.address == ta("10.0.0.8:6000") && selected.local.address == ta("10.0.0.2:5000"))
        let out = done.takeOutputs()
        #expect(out == [.selected(component: 1, pair: selected), .completed])
        #expect(done.hasConsent(component: 1))
    }

    @Test func controlledSelectsWhenUseCandidateMeetsASuccess() throws {
        // The pair succeeded first, then the peer's USE-CANDIDATE arrives.
        var agent = Self.agent(.controlled)
        agent.tick(now: iceT0)
        let check = try #require(agent.takeChecks().first)
        agent.receiveResponse(success(to: check, mapped: ta("10.0.0.2:5000")), now: iceT0 + .milliseconds(10))
        #expect(agent.selectedPairs.isEmpty)
        agent.receiveRequest(I.incoming(agent, role: ICERoleAttribute(role: .controlling, tieBreaker: 1), useCandidate: true), now: iceT0 + .milliseconds(20))
        #expect(agent.state == .completed)
        #expect(agent.selectedPairs[1]?.remote.address == ta("10.0.0.9:6000"))

        // USE-CANDIDATE first: the triggered check's success nominates.
        var other = Self.agent(.controlled)
        other.receiveRequest(I.incoming(other, role: ICERoleAttribute(role: .controlling, tieBreaker: 1), source: "10.0.0.8:6000", useCandidate: true), now: iceT0)
        other.tick(now: iceT0)
        let triggered = try #require(other.takeChecks().first)
        #expect(triggered.to == ta("10.0.0.8:6000") && !triggered.useCandidate)
        #expect(other.selectedPairs.isEmpty)
        other.receiveResponse(success(to: triggered, mapped: ta("10.0.0.2:5000")), now: iceT0 + .milliseconds(10))
        #expect(other.selectedPairs[1]?.remote.address == ta("10.0.0.8:6000"))
        #expect(other.state == .completed)
    }

    @Test func liteRemoteMakesUsControllingAndNominatesAtOnce() throws {
        var agent = Self.agent(.controlled, lite: true)
        #expect(agent.role == .controlling)
        agent.tick(now: iceT0)
        let first = try #require(agent.takeChecks().first)
        #expect(first.role.role == .controlling)
        agent.receiveResponse(success(to: first, mapped: ta("10.0.0.2:5000")), now: iceT0 + .milliseconds(10))
        agent.tick(now: iceT0 + .milliseconds(50))
        let next = try #require(agent.takeChecks().first)
        #expect(next.useCandidate && next.to == ta("10.0.0.9:6000"))
        agent.receiveResponse(success(to: next, mapped: ta("10.0.0.2:5000")), now: iceT0 + .milliseconds(60))
        #expect(agent.state == .completed)
    }

    @Test func silentNominatedPairFallsBackToTheNextValidPair() throws {
        var agent = Self.agent(.controlling)
        agent.tick(now: iceT0)
        let first = try #require(agent.takeChecks().first)
        agent.receiveResponse(success(to: first, mapped: ta("10.0.0.2:5000")), now: iceT0 + .milliseconds(1))
        // The best pair answered once, is nominated at once, and then goes silent; the
        // other pair answers everything.
        var now = iceT0 + .milliseconds(50)
        var nominations: [ICECheck] = []
        for _ in 0..<50 {
            agent.tick(now: now)
            for check in agent.takeChecks() where !check.isRetransmission {
                if check.useCandidate { nominations.append(check) }
                if check.to == ta("10.0.0.8:6000") { agent.receiveResponse(success(to: check, mapped: ta("10.0.0.2:5000")), now: now) }
            }
            guard let next = agent.nextDeadline, agent.state == .running else { break }
            now = next
        }
        #expect(nominations.map(\.to) == [ta("10.0.0.9:6000"), ta("10.0.0.8:6000")])
        #expect(agent.selectedPairs[1]?.remote.address == ta("10.0.0.8:6000"))
        #expect(agent.state == .completed)
        // The silent nomination was given up after its last retransmission (9.5 s).
        #expect(now - iceT0 >= .milliseconds(9_550))
    }
}
