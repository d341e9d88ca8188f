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

/// Simulated topologies beyond the basic four: RTCP without rtcp-mux, role conflicts from
/// both sides, and how long each takes.
@Suite(.timeLimit(.minutes(1)))
struct ICESimulationMoreTests {
    @Test func twoComponentsEachSelectAPair() throws {
        var net = SimulatedNetwork()
        net.addSite(.test(role: .controlling, seed: 11, components: 2), sockets: ["10.0.0.2:5000", "10.0.0.2:5001"], lan: "a",
                    nat: SimulatedNAT(publicHost: "203.0.113.1", symmetric: false))
        net.addSite(.test(role: .controlled, seed: 12, components: 2), sockets: ["10.0.1.2:6000", "10.0.1.2:6001"], lan: "b",
                    nat: SimulatedNAT(publicHost: "198.51.100.1", symmetric: false))
        net.exchangeDescriptions()
        net.run(for: .seconds(30))
        #expect(net.sites[0].agent.state == .completed && net.sites[1].agent.state == .completed)
        for site in 0...1 {
            let rtp = try #require(net.sites[site].agent.selectedPairs[1])
            let rtcp = try #require(net.sites[site].agent.selectedPairs[2])
            #expect(rtp.local.kind == .serverReflexive && rtcp.local.kind == .serverReflexive)
            #expect(rtp.local.base.port + 1 == rtcp.local.base.port)
        }
        let a = net.sites[0].agent.selectedPairs, b = net.sites[1].agent.selectedPairs
        #expect(a[2]?.local.address == b[2]?.remote.address && a[2]?.remote.address == b[2]?.local.address)
    }

    @Test(arguments: [ICERole.controlling, .controlled])
    func bothAgentsInTheSameRoleResolveTheConflict(role: ICERole) throws {
        var net = SimulatedNetwork()
        net.addSite(.test(role: role, seed: 13), sockets: ["192.168.1.10:5000"], lan: "home")
        net.addSite(.test(role: role, seed: 14), sockets: ["192.168.1.20:6000"], lan: "home")
        net.exchangeDescriptions()
        net.run(for: .seconds(30))
        #expect(net.sites[0].agent.state == .completed && net.sites[1].agent.state == .completed)
        #expect(Set([net.sites[0].agent.role, net.sites[1].agent.role]) == [.controlling, .controlled])
        // The agent with the larger tie-breaker controls.
        let winner = net.sites[0].agent.tieBreaker > net.sites[1].agent.tieBreaker ? 0 : 1
        #expect(net.sites[winner].agent.role == .controlling)
        #expect(net.agree)
    }

    /// Simulated time from the descriptions' exchange to both agents completed, with
    /// 1 ms on a LAN and 20 ms over the internet per hop.
    @Test func timeToSelectionPerTopology() {
        func time(_ build: (inout SimulatedNetwork) -> Void) -> Duration {
            var net = SimulatedNetwork()
            build(&net)
            net.exchangeDescriptions()
            net.run(for: .seconds(30))
            return net.now - iceT0
        }
        let lan = time {
            $0.addSite(.test(role: .controlling, seed: 1), sockets: ["192.168.1.10:5000"], lan: "home")
            $0.addSite(.test(role: .controlled, seed: 2), sockets: ["192.168.1.20:6000"], lan: "home")
        }
        let cone = time {
            $0.addSite(.test(role: .controlling, seed: 3), sockets: ["10.0.0.2:5000"], lan: "a", nat: SimulatedNAT(publicHost: "203.0.113.1", symmetric: false))
            $0.addSite(.test(role: .controlled, seed: 4), sockets: ["10.0.1.2:6000"], lan: "b", nat: SimulatedNAT(publicHost: "198.51.100.1", symmetric: false))
        }
        let symmetric = time {
            $0.addSite(.test(role: .controlling, seed: 5), sockets: ["10.0.0.2:5000"], lan: "a", nat: SimulatedNAT(publicHost: "203.0.113.1", symmetric: true))
            $0.addSite(.test(role: .controlled, seed: 6), sockets: ["10.0.1.2:6000"], lan: "b", nat: SimulatedNAT(publicHost: "198.51.100.1", symmetric: false))
        }
        // Regular nomination waits up to 500 ms for better pairs after the first success;
        // on the LAN the best pair answers first, so nomination follows at the next Ta.
        // When the best valid pair is relayed and direct pairs are still being checked it
        // waits up to 2.5 s (a direct path through cone NATs needs a retransmission).
        #expect(lan < .milliseconds(100))
        #expect(cone < .seconds(1))
        #expect(symmetric > .seconds(2) && symmetric < .seconds(3))
        print("ICE simulated time to selection: LAN \(lan), cone NAT \(cone), symmetric NAT \(symmetric)")
    }

    @Test func liteMediaServerIsReachedFromBehindANAT() throws {
        var net = SimulatedNetwork()
        // The full agent answered the offer, so it starts controlled; a lite peer makes it control.
        net.addSite(.test(role: .controlled, seed: 15), sockets: ["10.0.0.2:5000"], lan: "a",
                    nat: SimulatedNAT(publicHost: "203.0.113.1", symmetric: false))
        net.addLiteSite(sockets: ["198.51.100.50:7000"], seed: 16)
        net.exchangeDescriptions()
        net.run(for: .seconds(10))
        let agent = net.sites[0].agent
        #expect(agent.role == .controlling && agent.state == .completed)
        let pair = try #require(net.selected(0))
        #expect(pair.local.kind == .serverReflexive && pair.remote.address == ta("198.51.100.50:7000"))
        let lite = try #require(net.sites[1].liteNominated)
        #expect(lite.base == .socket(ta("198.51.100.50:7000")) && lite.remote == pair.local.address)
        #expect(net.now - iceT0 < .milliseconds(200))
    }

    @Test func checksCarriedAsSTUNBytesSucceedAndCorruptionIsDropped() throws {
        func network(tamper: (@Sendable (inout [UInt8]) -> Void)?) -> SimulatedNetwork {
            var net = SimulatedNetwork()
            net.overWire = true
            net.tamper = tamper
            net.addSite(.test(role: .controlling, seed: 17), sockets: ["10.0.0.2:5000"], lan: "a",
                        nat: SimulatedNAT(publicHost: "203.0.113.1", symmetric: false))
            net.addSite(.test(role: .controlled, seed: 18), sockets: ["10.0.1.2:6000"], lan: "b",
                        nat: SimulatedNAT(publicHost: "198.51.100.1", symmetric: false))
            net.exchangeDescriptions()
            net.run(for: .seconds(30))
            return net
        }
        let clean = network(tamper: nil)
        #expect(clean.sites[0].agent.state == .completed && clean.sites[1].agent.state == .completed)
        #expect(clean.selected(0)?.local.kind == .serverReflexive && clean.agree)
        // One flipped bit in the USERNAME fails FINGERPRINT (and MESSAGE-INTEGRITY): nothing gets through.
        let corrupt = network { bytes in if bytes.count > 24 { bytes[24] ^= 1 } }
        guard case .failed = corrupt.sites[0].agent.state else {
            Issue.record("expected failure, got \(corrupt.sites[0].agent.state)")
            return
        }
        #expect(corrupt.sites[0].agent.validPairs.isEmpty)
    }
}
