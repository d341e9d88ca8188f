import Testing
@testable import NAT

@Suite(.timeLimit(.minutes(1)))
struct ICECheckListTests {
    static let remoteCredentials = ICECredentials(ufrag: "RMTE", pwd: "remotepasswordremotepw")

    static func remote(_ kind: ICECandidate.Kind, _ address: String, component: Int = 1, foundation: String = "r1", preference: UInt16 = 65_535) -> ICECandidate {
        ICECandidate(kind: kind, component: component, address: ta(address), foundation: foundation,
                     priority: ICECandidate.priority(kind: kind, localPreference: preference, component: component))
    }

    static func description(_ candidates: [ICECandidate], lite: Bool = false) -> ICEDescription {
        ICEDescription(ufrag: remoteCredentials.ufrag, pwd: remoteCredentials.pwd, lite: lite, candidates: candidates)
    }

    /// A controlling agent with a host, a server-reflexive and a relayed candidate.
    static func agent(role: ICERole = .controlling, components: Int = 1) -> ICEAgent {
        var agent = ICEAgent.test(role: role, seed: 11, components: components)
        agent.gatherHostCandidates(interfaces: [ta("10.0.0.2:0"), ta("[2001:db8::2]:0")], ports: [5000, 5001])
        agent.addServerReflexiveCandidate(ta("203.0.113.1:40000"), base: ta("10.0.0.2:5000"), server: ta("192.0.2.9:3478"))
        agent.addRelayedCandidate(ta("192.0.2.100:50000"), via: ta("10.0.0.2:5000"), mapped: ta("203.0.113.1:40001"), server: ta("192.0.2.100:3478"))
        return agent
    }

    @Test func pairsSameComponentAndFamilyAndPrunesServerReflexive() {
        var agent = Self.agent()
        agent.setRemote(Self.description([
            Self.remote(.host, "192.168.7.2:6000"), Self.remote(.serverReflexive, "198.51.100.4:6000", foundation: "r2"),
            Self.remote(.host, "[2001:db8::7]:6000", foundation: "r3"),
        ]), now: iceT0)
        let pairs = agent.pairs.map(\.pair)
        // IPv4 locals: host and relay (srflx is its host base's pair) × 2 IPv4 remotes; IPv6: 1 × 1.
        #expect(pairs.count == 5)
        #expect(!pairs.contains { $0.local.kind == .serverReflexive })
        #expect(pairs.allSatisfy { $0.local.address.family == $0.remote.address.family })
        #expect(pairs.filter { $0.local.kind == .relayed }.count == 2)
        // Highest priority first, for the controlling role.
        let priorities = pairs.map { $0.priority(as: .controlling) }
        #expect(priorities == priorities.sorted(by: >))
        #expect(pairs[0].local.address.family == .ipv6)
    }

    @Test func checksArePacedInPriorityOrderOnePerTa() {
        var agent = Self.agent()
        agent.setRemote(Self.description([Self.remote(.host, "192.168.7.2:6000"), Self.remote(.serverReflexive, "198.51.100.4:6000", foundation: "r2")]), now: iceT0)
        #expect(agent.nextDeadline == iceT0)
        agent.tick(now: iceT0)
        let first = agent.takeChecks()
        #expect(first.count == 1)
        #expect(first[0].to == ta("192.168.7.2:6000") && first[0].from == .socket(ta("10.0.0.2:5000")))
        #expect(first[0].username == "RMTE:" + agent.localCredentials.ufrag && first[0].key == Self.remoteCredentials.pwd)
        #expect(first[0].role == ICERoleAttribute(role: .controlling, tieBreaker: agent.tieBreaker))
        #expect(first[0].priority == ICECandidate.priority(kind: .peerReflexive, localPreference: 65_534, component: 1))
        #expect(!first[0].useCandidate && !first[0].isRetransmission)
        agent.tick(now: iceT0 + .milliseconds(49))
        #expect(agent.takeChecks().isEmpty)
        #expect(agent.nextDeadline == iceT0 + .milliseconds(50))
        var sent = first
        for step in 1...3 {
            agent.tick(now: iceT0 + .milliseconds(50 * step))
            sent += agent.takeChecks()
        }
        // Four foundations, all Waiting from the start: host pairs first, relayed last.
        #expect(sent.map(\.to) == [ta("192.168.7.2:6000"), ta("198.51.100.4:6000"), ta("192.168.7.2:6000"), ta("198.51.100.4:6000")])
        #expect(sent[2].from == .relay(ta("192.0.2.100:50000")))
        #expect(Set(sent.map(\.transactionID)).count == 4)
    }

    @Test func initialUnfreezingWaitsForComponentOneOfEachFoundation() {
        var agent = Self.agent(components: 2)
        agent.setRemote(Self.description([Self.remote(.host, "192.168.7.2:6000"), Self.remote(.host, "192.168.7.2:6001", component: 2)]), now: iceT0)
        let states = agent.pairs.filter { $0.pair.local.kind == .host }
        #expect(states.first { $0.pair.component == 1 }?.state == .waiting)
        #expect(states.first { $0.pair.component == 2 }?.state == .frozen)
    }

    @Test func retransmitsWithBackOffThenFailsWithReason() {
        var agent = ICEAgent.test(role: .controlling, seed: 3)
        agent.gatherHostCandidates(interfaces: [ta("10.0.0.2:0")], ports: [5000])
        agent.setRemote(Self.description([Self.remote(.host, "192.168.7.2:6000")]), now: iceT0)
        agent.tick(now: iceT0)
        let check = agent.takeChecks()[0]
        var times: [Duration] = []
        var now = iceT0
        var outputs: [ICEOutput] = []
        for _ in 0..<10 {
            guard let next = agent.nextDeadline else { break }
            now = next
            agent.tick(now: now)
            let out = agent.takeOutputs()
            outputs += out
            if out.contains(where: { if case .sendCheck(let c) = $0 { c.transactionID == check.transactionID && c.isRetransmission } else { false } }) {
                times.append(now - iceT0)
            }
        }
        #expect(times == [.milliseconds(500), .milliseconds(1500), .milliseconds(3500), .milliseconds(6500)])
        guard case .failed(let failure) = agent.state else {
            Issue.record("not failed: \(agent.state)")
            return
        }
        #expect(now - iceT0 == .milliseconds(9500))
        #expect(failure.description == "no candidate pair answered: 1 pair tried (host); a TURN server would help")
        #expect(outputs.last == .failed(failure))
        #expect(agent.nextDeadline == nil)
    }

    @Test func triggeredCheckJumpsTheQueue() throws {
        var agent = Self.agent()
        let low = Self.remote(.host, "192.168.7.2:6000", foundation: "r1", preference: 1)
        let high = Self.remote(.host, "192.168.7.3:6000", foundation: "r1", preference: 65_535)
        agent.setRemote(Self.description([low, high]), now: iceT0)
        // The request arrives for the lowest-priority (frozen) pair.
        agent.receiveRequest(ICEIncomingRequest(
            transactionID: ICETransactionID(high: 1, low: 1), username: agent.localCredentials.ufrag + ":RMTE", priority: 5,
            role: ICERoleAttribute(role: .controlled, tieBreaker: 1), arrivedOn: .relay(ta("192.0.2.100:50000")),
            source: ta("192.168.7.2:6000")), now: iceT0)
        agent.tick(now: iceT0)
        let checks = agent.takeChecks()
        #expect(checks.count == 1)
        #expect(checks[0].from == .relay(ta("192.0.2.100:50000")) && checks[0].to == ta("192.168.7.2:6000"))
    }

    @Test func checkListIsCappedAtItsLimit() {
        var agent = ICEAgent.test(role: .controlling, seed: 3)
        agent.gatherHostCandidates(interfaces: (1...12).map { ta("10.0.0.\($0):0") }, ports: [5000])
        let remotes = (1...12).map { Self.remote(.host, "192.168.7.\($0):6000", foundation: "r\($0)", preference: UInt16($0)) }
        agent.setRemote(Self.description(remotes), now: iceT0)
        #expect(agent.pairs.count == 100)
        // The pairs kept are the best ones.
        #expect(!agent.pairs.contains { $0.pair.remote.address == ta("192.168.7.1:6000") && $0.pair.local.address == ta("10.0.0.12:5000") })
    }
}
