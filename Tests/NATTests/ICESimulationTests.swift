import Testing
@testable import NAT

/// Two full agents wired through the simulated network: the candidate types of the
/// selected pair depend on the topology, and both agents pick the same path.
@Suite(.timeLimit(.minutes(1)))
struct ICESimulationTests {
    @Test func sharedLANSelectsHostPair() throws {
        var net = SimulatedNetwork()
        net.addSite(.test(role: .controlling, seed: 1), sockets: ["192.168.1.10:5000"], lan: "home")
        net.addSite(.test(role: .controlled, seed: 2), sockets: ["192.168.1.20:6000"], lan: "home")
        net.exchangeDescriptions()
        net.run(for: .seconds(30))
        #expect(net.sites[0].agent.state == .completed)
        #expect(net.sites[1].agent.state == .completed)
        let a = try #require(net.selected(0))
        #expect(a.local.kind == .host && a.remote.kind == .host)
        #expect(net.agree)
    }

    @Test func coneNATsSelectServerReflexivePair() throws {
        var net = SimulatedNetwork()
        net.addSite(.test(role: .controlling, seed: 3), sockets: ["10.0.0.2:5000"], lan: "a",
                    nat: SimulatedNAT(publicHost: "203.0.113.1", symmetric: false))
        net.addSite(.test(role: .controlled, seed: 4), sockets: ["10.0.1.2:6000"], lan: "b",
                    nat: SimulatedNAT(publicHost: "198.51.100.1", symmetric: false))
        net.exchangeDescriptions()
        net.run(for: .seconds(30))
        #expect(net.sites[0].agent.state == .completed)
        #expect(net.sites[1].agent.state == .completed)
        let a = try #require(net.selected(0))
        let b = try #require(net.selected(1))
        #expect(a.local.kind == .serverReflexive && a.remote.kind == .serverReflexive)
        #expect(b.local.kind == .serverReflexive && b.remote.kind == .serverReflexive)
        #expect(net.agree)
    }

    @Test func symmetricNATFallsBackToRelay() throws {
        var net = SimulatedNetwork()
        net.addSite(.test(role: .controlling, seed: 5), sockets: ["10.0.0.2:5000"], lan: "a",
                    nat: SimulatedNAT(publicHost: "203.0.113.1", symmetric: true))
        net.addSite(.test(role: .controlled, seed: 6), sockets: ["10.0.1.2:6000"], lan: "b",
                    nat: SimulatedNAT(publicHost: "198.51.100.1", symmetric: false))
        net.exchangeDescriptions()
        net.run(for: .seconds(30))
        #expect(net.sites[0].agent.state == .completed)
        #expect(net.sites[1].agent.state == .completed)
        let a = try #require(net.selected(0))
        #expect(a.local.kind == .relayed || a.remote.kind == .relayed)
        #expect(net.agree)
    }

    @Test func firewalledSideIsReachedThroughItsRelay() throws {
        var net = SimulatedNetwork()
        net.addSite(.test(role: .controlled, seed: 7), sockets: ["198.51.100.7:5000"], lan: "dmz", firewall: true)
        net.addSite(.test(role: .controlling, seed: 8), sockets: ["10.0.1.2:6000"], lan: "b",
                    nat: SimulatedNAT(publicHost: "203.0.113.9", symmetric: false))
        net.exchangeDescriptions()
        net.run(for: .seconds(30))
        #expect(net.sites[0].agent.state == .completed)
        #expect(net.sites[1].agent.state == .completed)
        let firewalled = try #require(net.selected(0))
        #expect(firewalled.local.kind == .relayed)
        #expect(net.agree)
    }

    @Test func unreachablePeersFailWithAReason() throws {
        var net = SimulatedNetwork()
        net.addSite(.test(role: .controlling, seed: 9), sockets: ["10.0.0.2:5000"], lan: "a",
                    nat: SimulatedNAT(publicHost: "203.0.113.1", symmetric: true), turn: false)
        net.addSite(.test(role: .controlled, seed: 10), sockets: ["10.0.1.2:6000"], lan: "b",
                    nat: SimulatedNAT(publicHost: "198.51.100.1", symmetric: true), turn: false)
        net.exchangeDescriptions()
        net.run(for: .seconds(60))
        guard case .failed(let failure) = net.sites[0].agent.state else {
            Issue.record("expected failure, got \(net.sites[0].agent.state)")
            return
        }
        #expect(failure.description.hasPrefix("no candidate pair answered: "))
        #expect(failure.description.contains("(host, srflx)"))
        #expect(failure.description.contains("a TURN server would help"))
        #expect(net.sites[0].events.contains(.failed(failure)))
    }
}
