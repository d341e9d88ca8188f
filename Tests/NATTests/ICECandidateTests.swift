import Hashing
import SDP
import Testing
@testable import NAT

@Suite(.timeLimit(.minutes(1)))
struct ICECandidateTests {
    @Test func priorityFormulaWorkedNumbers() {
        // (2^24)·type + (2^8)·local + (256 − component), RFC 8445 §5.1.2.1.
        #expect(ICECandidate.priority(kind: .host, localPreference: 65_535, component: 1) == 2_130_706_431)
        #expect(ICECandidate.priority(kind: .host, localPreference: 65_535, component: 2) == 2_130_706_430)
        #expect(ICECandidate.priority(kind: .serverReflexive, localPreference: 65_535, component: 1) == 1_694_498_815)
        #expect(ICECandidate.priority(kind: .peerReflexive, localPreference: 65_535, component: 1) == 1_862_270_975)
        #expect(ICECandidate.priority(kind: .relayed, localPreference: 65_535, component: 1) == 16_777_215)
        #expect(ICECandidate.priority(kind: .host, localPreference: 65_534, component: 1) == 2_130_706_175)
    }

    @Test func localPreferencePutsIPv6FirstAndInterleavesFamilies() {
        #expect(ICECandidate.localPreference(rank: 0, family: .ipv6) == 65_535)
        #expect(ICECandidate.localPreference(rank: 0, family: .ipv4) == 65_534)
        #expect(ICECandidate.localPreference(rank: 1, family: .ipv6) == 65_533)
        #expect(ICECandidate.localPreference(rank: 1, family: .ipv4) == 65_532)
        #expect(ICECandidate.localPreference(rank: 1_000_000, family: .ipv4) > 0)
    }

    @Test func pairPriorityWorkedNumbers() {
        // 2^32·min(G,D) + 2·max(G,D) + (G>D ? 1 : 0), §6.1.2.3.
        let host: UInt32 = 2_130_706_431, srflx: UInt32 = 1_694_498_815
        #expect(ICECandidatePair.priority(controlling: host, controlled: srflx) == 7_277_816_997_797_167_103)
        #expect(ICECandidatePair.priority(controlling: srflx, controlled: host) == 7_277_816_997_797_167_102)
        // Out-of-range priorities from a peer are clamped to 2^31 − 1 rather than overflow.
        #expect(ICECandidatePair.priority(controlling: .max, controlled: .max) == 0x7FFF_FFFF << 32 + 2 * 0x7FFF_FFFF)
    }

    @Test func hostGatheringSkipsLoopbackAndLinkLocalUnlessAsked() {
        var agent = ICEAgent.test(role: .controlling, seed: 1, components: 2)
        let interfaces = [ta("127.0.0.1:0"), ta("192.168.1.10:0"), ta("169.254.3.4:0"), ta("[2001:db8::10]:0"), ta("[fe80::1]:0"), ta("10.8.0.2:0")]
        let added = agent.gatherHostCandidates(interfaces: interfaces, ports: [5000, 5001])
        #expect(added.map(\.address) == [ta("192.168.1.10:5000"), ta("192.168.1.10:5001"), ta("[2001:db8::10]:5000"),
                                         ta("[2001:db8::10]:5001"), ta("10.8.0.2:5000"), ta("10.8.0.2:5001")])
        #expect(added.allSatisfy { $0.kind == .host && $0.base == $0.address })
        // IPv6 ranks above the first IPv4 interface, which ranks above the second.
        let v6 = added[2].priority, v4 = added[0].priority, v4b = added[4].priority
        #expect(v6 > v4 && v4 > v4b)
        #expect(added[1].component == 2 && added[1].priority == added[0].priority - 1)
        var all = ICEAgent.test(role: .controlling, seed: 1)
        #expect(all.gatherHostCandidates(interfaces: interfaces, ports: [5000], includeLoopbackAndLinkLocal: true).count == 6)
    }

    @Test func foundationsGroupByTypeBaseAndServer() {
        var agent = ICEAgent.test(role: .controlling, seed: 1, components: 2)
        let hosts = agent.gatherHostCandidates(interfaces: [ta("10.0.0.2:0"), ta("10.0.0.3:0")], ports: [5000, 5001])
        #expect(hosts[0].foundation == hosts[1].foundation)  // same IP, two components
        #expect(hosts[0].foundation != hosts[2].foundation)  // another interface
        let stun1 = ta("192.0.2.1:3478"), stun2 = ta("192.0.2.2:3478")
        let s1 = agent.addServerReflexiveCandidate(ta("203.0.113.1:40001"), base: ta("10.0.0.2:5000"), server: stun1)
        let s2 = agent.addServerReflexiveCandidate(ta("203.0.113.1:40002"), base: ta("10.0.0.2:5001"), server: stun1)
        let s3 = agent.addServerReflexiveCandidate(ta("203.0.113.1:40003"), base: ta("10.0.0.3:5000"), server: stun2)
        #expect(s1?.foundation == s2?.foundation)
        #expect(s1?.foundation != s3?.foundation && s1?.foundation != hosts[0].foundation)
        #expect(s2?.component == 2 && s2?.relatedAddress == ta("10.0.0.2:5001"))
    }

    @Test func redundantServerReflexiveIsDroppedAndDefaultPrefersRelay() {
        var agent = ICEAgent.test(role: .controlling, seed: 1)
        agent.gatherHostCandidates(interfaces: [ta("198.51.100.5:0")], ports: [5000])
        // No NAT: STUN sees the host address itself (§5.1.3).
        #expect(agent.addServerReflexiveCandidate(ta("198.51.100.5:5000"), base: ta("198.51.100.5:5000"), server: ta("192.0.2.1:3478")) == nil)
        #expect(agent.addServerReflexiveCandidate(ta("198.51.100.5:5000"), base: ta("10.9.9.9:1"), server: ta("192.0.2.1:3478")) == nil)
        #expect(agent.localCandidates.count == 1)
        #expect(agent.defaultCandidate(component: 1)?.kind == .host)
        agent.gatherHostCandidates(interfaces: [ta("10.0.0.2:0")], ports: [5002])
        agent.addServerReflexiveCandidate(ta("203.0.113.1:40000"), base: ta("10.0.0.2:5002"), server: ta("192.0.2.1:3478"))
        #expect(agent.defaultCandidate(component: 1)?.kind == .serverReflexive)
        let relay = agent.addRelayedCandidate(ta("192.0.2.100:50000"), via: ta("10.0.0.2:5002"), mapped: ta("203.0.113.1:40000"), server: ta("192.0.2.100:3478"))
        #expect(relay?.base == ta("192.0.2.100:50000") && relay?.relatedAddress == ta("203.0.113.1:40000"))
        #expect(agent.defaultCandidate(component: 1) == relay)
        #expect(agent.defaultCandidate(component: 2) == nil)
    }

    @Test func credentialsAreLongEnoughIceCharsAndSeeded() {
        let a = ICEAgent.test(role: .controlling, seed: 42), b = ICEAgent.test(role: .controlling, seed: 42)
        let c = ICEAgent.test(role: .controlling, seed: 43)
        #expect(a.localCredentials == b.localCredentials && a.tieBreaker == b.tieBreaker)
        #expect(a.localCredentials != c.localCredentials)
        #expect(ICECredentials.isValid(a.localCredentials.ufrag, minimumLength: 4))
        #expect(ICECredentials.isValid(a.localCredentials.pwd, minimumLength: 22))
        #expect(!ICECredentials.isValid("ab:c", minimumLength: 1))
    }

    @Test func transactionIDBytesRoundTrip() throws {
        var generator = SplitMix64(seed: 9)
        let id = ICETransactionID.random(using: &generator)
        #expect(id.bytes.count == 12)
        #expect(ICETransactionID(bytes: id.bytes) == id)
        #expect(ICETransactionID(bytes: [1, 2, 3]) == nil)
    }

    @Test func sdpCandidateConversion() throws {
        let line = SDP.Candidate(foundation: "4", component: 1, transport: "udp", priority: 1_694_498_815, address: "203.0.113.1",
                                 port: 40000, type: .serverReflexive, relatedAddress: "10.0.0.2", relatedPort: 5000)
        let c = try #require(ICECandidate(line))
        #expect(c.kind == .serverReflexive && c.address == ta("203.0.113.1:40000") && c.relatedAddress == ta("10.0.0.2:5000"))
        #expect(c.sdpCandidate.transport == "UDP" && c.sdpCandidate.relatedPort == 5000 && c.sdpCandidate.type == .serverReflexive)
        #expect(ICECandidate(c.sdpCandidate) == c)
        var tcp = line
        tcp.transport = "TCP"
        #expect(ICECandidate(tcp) == nil)
        var named = line
        named.address = "host.example"
        #expect(ICECandidate(named) == nil)
        var odd = line
        odd.type = CandidateType(rawValue: "weird")
        #expect(ICECandidate(odd) == nil)
    }
}
