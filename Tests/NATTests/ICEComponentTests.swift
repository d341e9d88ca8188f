import Hashing
import Testing
@testable import NAT

/// Two components until rtcp-mux is agreed: an agent that gathered for RTP and RTCP drops
/// component 2 when the peer multiplexes (or signals no RTCP candidates), before or after
/// the checks started, and completes on RTP alone.
@Suite(.timeLimit(.minutes(1)))
struct ICEComponentTests {
    static func coneSites(_ net: inout SimulatedNetwork, calleeComponents: Int) {
        net.addSite(.test(role: .controlling, seed: 21, components: 2), sockets: ["10.0.0.2:5000", "10.0.0.2:5001"], lan: "a",
                    nat: SimulatedNAT(publicHost: "203.0.113.1", symmetric: false))
        let calleeSockets = calleeComponents == 2 ? ["10.0.1.2:6000", "10.0.1.2:6001"] : ["10.0.1.2:6000"]
        net.addSite(.test(role: .controlled, seed: 22, components: calleeComponents), sockets: calleeSockets, lan: "b",
                    nat: SimulatedNAT(publicHost: "198.51.100.1", symmetric: false))
    }

    @Test func droppedBeforeTheChecksTheAgentCompletesOnRTPAlone() throws {
        var net = SimulatedNetwork()
        Self.coneSites(&net, calleeComponents: 1)
        #expect(net.sites[0].agent.localCandidates.contains { $0.component == 2 })
        net.sites[0].agent.dropRTCPComponent(now: net.now)
        #expect(net.sites[0].agent.componentCount == 1)
        #expect(!net.sites[0].agent.localCandidates.contains { $0.component == 2 })
        #expect(!ICEDescription(agent: net.sites[0].agent).candidates.contains { $0.component == 2 })
        net.exchangeDescriptions()
        net.run(for: .seconds(30))
        #expect(net.sites[0].agent.state == .completed && net.sites[1].agent.state == .completed)
        #expect(net.sites[0].agent.selectedPairs.keys.sorted() == [1])
        #expect(net.agree)
    }

    @Test func droppedWhileCheckingNothingOfRTCPIsLeft() throws {
        var net = SimulatedNetwork()
        Self.coneSites(&net, calleeComponents: 2)
        net.exchangeDescriptions()
        net.run(for: .milliseconds(60), untilSettled: false)
        #expect(net.sites[0].agent.pairs.contains { $0.pair.component == 2 })
        for site in 0...1 { net.sites[site].agent.dropRTCPComponent(now: net.now) }
        for site in 0...1 {
            let agent = net.sites[site].agent
            #expect(!agent.pairs.contains { $0.pair.component == 2 })
            #expect(!agent.validPairs.contains { $0.pair.component == 2 })
            #expect(!agent.remoteCandidates.contains { $0.component == 2 })
        }
        net.run(for: .seconds(30))
        #expect(net.sites[0].agent.state == .completed && net.sites[1].agent.state == .completed)
        #expect(net.sites[0].agent.selectedPairs[2] == nil && net.sites[1].agent.selectedPairs[2] == nil)
        #expect(net.agree)
        // Later checks for component 2 create nothing: a request on the RTCP socket finds
        // no candidate there.
        let stray = ICEIncomingRequest(
            transactionID: ICETransactionID(bytes: Array(repeating: 7, count: 12))!, username: nil, priority: 1,
            useCandidate: false, role: nil, arrivedOn: .socket(ta("10.0.0.2:5001")), source: ta("198.51.100.1:6001"))
        net.sites[0].agent.receiveRequest(stray, now: net.now)
        #expect(!net.sites[0].agent.remoteCandidates.contains { $0.component == 2 })
    }

    /// Behind a symmetric NAT only a relay connects, and the relay serves RTP alone: no
    /// pair works for RTCP. The agents go on with RTP (RTCP travels beside ICE) instead of
    /// failing the stream.
    @Test func rtcpWithoutAWorkingPairIsDroppedNotFatal() throws {
        var net = SimulatedNetwork()
        net.addSite(.test(role: .controlling, seed: 23, components: 2), sockets: ["10.0.0.2:5000", "10.0.0.2:5001"], lan: "a",
                    nat: SimulatedNAT(publicHost: "203.0.113.1", symmetric: true), turn: false)
        // A relay for the RTP socket only.
        let relay = ta("192.0.2.100:50000")
        net.allocations[relay] = SimulatedNetwork.Allocation(site: 0, via: ta("10.0.0.2:5000"))
        let toTURN = net.sites[0].nat!.outbound(from: ta("10.0.0.2:5000"), to: SimulatedNetwork.turnServer)
        net.sites[0].agent.addRelayedCandidate(relay, via: ta("10.0.0.2:5000"), mapped: toTURN, server: SimulatedNetwork.turnServer)
        net.addSite(.test(role: .controlled, seed: 24, components: 2), sockets: ["10.0.1.2:6000", "10.0.1.2:6001"], lan: "b",
                    nat: SimulatedNAT(publicHost: "198.51.100.1", symmetric: true), turn: false)
        net.exchangeDescriptions()
        net.run(for: .seconds(60))
        #expect(net.sites[0].agent.state == .completed && net.sites[1].agent.state == .completed,
                "\(net.sites[0].agent.state) / \(net.sites[1].agent.state)")
        for site in 0...1 {
            #expect(net.sites[site].agent.componentCount == 1)
            #expect(net.sites[site].agent.selectedPairs[2] == nil)
            #expect(net.sites[site].events.contains { if case .rtcpDropped = $0 { true } else { false } })
        }
        let rtp = try #require(net.selected(0))
        #expect(rtp.local.kind == .relayed || rtp.remote.kind == .relayed)
        #expect(net.agree)
    }

    @Test func droppingIsIdempotentAndLeavesOneComponentAgentsAlone() {
        var generator = SplitMix64(seed: 5)
        var one = ICEAgent(role: .controlling, componentCount: 1, using: &generator)
        one.addHostCandidate(ta("10.0.0.2:5000"), component: 1)
        let before = one.localCandidates
        one.dropRTCPComponent(now: iceT0)
        #expect(one.componentCount == 1 && one.localCandidates == before)
        var two = ICEAgent(role: .controlling, componentCount: 2, using: &generator)
        two.addHostCandidate(ta("10.0.0.2:5000"), component: 1)
        two.addHostCandidate(ta("10.0.0.2:5001"), component: 2)
        two.dropRTCPComponent(now: iceT0)
        two.dropRTCPComponent(now: iceT0)
        #expect(two.componentCount == 1 && two.localCandidates.map(\.component) == [1])
        #expect(two.addHostCandidate(ta("10.0.0.2:5003"), component: 2) == nil)
    }
}
