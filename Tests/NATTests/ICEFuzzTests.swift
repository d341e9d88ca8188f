import Hashing
import Testing
@testable import NAT

/// Random requests and responses, well-formed or not, in random order: the agent must
/// never trap, stay bounded, and keep its deadline moving forward.
@Suite(.timeLimit(.minutes(1)))
struct ICEFuzzTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomInputsNeverTrapAndStayBounded(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var agent = ICEAgent.test(role: seed.isMultiple(of: 2) ? .controlling : .controlled, seed: seed, components: 2)
        agent.gatherHostCandidates(interfaces: [ta("10.0.0.2:0"), ta("[2001:db8::2]:0")], ports: [5000, 5001])
        agent.addRelayedCandidate(ta("192.0.2.100:50000"), via: ta("10.0.0.2:5000"), mapped: nil, server: ta("192.0.2.100:3478"))
        let bases: [ICEBase] = [.socket(ta("10.0.0.2:5000")), .socket(ta("10.0.0.2:5001")), .socket(ta("[2001:db8::2]:5000")),
                                .relay(ta("192.0.2.100:50000")), .socket(ta("10.9.9.9:1"))]
        func pick(_ n: Int) -> Int { Int(random.next(upperBound: UInt64(n))) }
        func bits() -> UInt64 { random.next() }
        func address() -> TransportAddress {
            pick(4) == 0
                ? TransportAddress(addressBytes: (0..<16).map { _ in UInt8(truncatingIfNeeded: bits()) }, port: UInt16(truncatingIfNeeded: bits()))!
                : TransportAddress(addressBytes: [198, 51, 100, UInt8(pick(8))], port: UInt16(6000 + pick(3)))!
        }
        var now = iceT0
        var sent: [ICECheck] = []
        var totalChecks = 0
        for step in 0..<3000 {
            now += .milliseconds(pick(40))
            switch pick(6) {
            case 0 where step == 10 || pick(5) == 0:
                let remotes = (0..<pick(6)).map { i in
                    ICECandidate(kind: ICECandidate.Kind.allCases[pick(4)], component: pick(10) == 0 ? pick(5) : 1 + pick(2),
                                 address: address(), foundation: "f\(i)", priority: UInt32(truncatingIfNeeded: bits()))
                }
                if pick(3) == 0 || agent.state != .running { agent.restart(using: &random) }
                agent.setRemote(ICEDescription(ufrag: "RMTE", pwd: "remotepasswordremotepw", lite: pick(5) == 0,
                                               candidates: remotes), now: now)
            case 1, 2:
                let roles: [ICERoleAttribute?] = [nil, ICERoleAttribute(role: .controlling, tieBreaker: bits()),
                                                  ICERoleAttribute(role: .controlled, tieBreaker: bits())]
                let usernames: [String?] = [nil, "", ":", agent.localCredentials.ufrag + ":RMTE", "x:y", agent.localCredentials.ufrag]
                agent.receiveRequest(ICEIncomingRequest(
                    transactionID: .random(using: &random), username: usernames[pick(6)],
                    priority: pick(2) == 0 ? nil : UInt32(truncatingIfNeeded: bits()),
                    useCandidate: pick(2) == 0, role: roles[pick(3)],
                    arrivedOn: bases[pick(5)], source: address()), now: now)
            case 3, 4:
                let results: [ICEIncomingResponse.Result] = [.success(mapped: address()), .failure(code: 487), .failure(code: 400),
                                                             .failure(code: Int(truncatingIfNeeded: bits()))]
                let known = sent.isEmpty || pick(4) == 0 ? nil : sent[Int(pick(sent.count))]
                let symmetric = pick(3) != 0
                agent.receiveResponse(ICEIncomingResponse(
                    transactionID: known?.transactionID ?? .random(using: &random),
                    arrivedOn: symmetric ? known?.from ?? bases[0] : bases[pick(5)],
                    source: symmetric ? known?.to ?? address() : address(),
                    result: results[pick(4)]), now: now)
            default:
                if let deadline = agent.nextDeadline { now = max(now, deadline) }
                agent.tick(now: now)
            }
            let checks = agent.takeChecks()
            totalChecks += checks.count
            sent += checks
            if sent.count > 200 { sent.removeFirst(100) }
            if let deadline = agent.nextDeadline, deadline < now {
                // A deadline in the past is fine once (the owner ticks at once), never twice.
                agent.tick(now: now)
                _ = agent.takeOutputs()
                #expect(agent.nextDeadline.map { $0 >= now } ?? true)
            }
        }
        #expect(totalChecks > 100)  // the inputs reached the check machinery
        #expect(agent.pairs.count <= 100)
        #expect(agent.remoteCandidates.count <= 64)
        #expect(agent.localCandidates.count <= 64)
        #expect(agent.transactions.count < 1000)
    }
}
