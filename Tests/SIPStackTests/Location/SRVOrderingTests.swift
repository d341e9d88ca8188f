import Testing
@testable import SIPStack

private func srv(_ p: UInt16, _ w: UInt16, _ t: String) -> SRVRecord { SRVRecord(priority: p, weight: w, port: 5060, target: t) }

@Test func srvPriorityComesFirst() {
    var rng = DNSTestRNG(seed: 1)
    let records = [srv(20, 100, "c"), srv(10, 1, "a"), srv(30, 0, "d"), srv(10, 1, "b")]
    for _ in 0..<50 {
        let order = SRVOrdering.order(records, using: &rng).map(\.target)
        #expect(Set(order.prefix(2)) == ["a", "b"])
        #expect(Array(order.suffix(2)) == ["c", "d"])
    }
}

@Test func srvWeightsShareTheFirstPlace() {
    // Weights 60/30/10: the first choice should follow them closely over many draws.
    var rng = DNSTestRNG(seed: 2782)
    let records = [srv(1, 60, "a"), srv(1, 30, "b"), srv(1, 10, "c")]
    var first: [String: Int] = [:]
    let rounds = 20_000
    for _ in 0..<rounds {
        let order = SRVOrdering.order(records, using: &rng)
        #expect(order.count == 3 && Set(order.map(\.target)) == ["a", "b", "c"])
        first[order[0].target, default: 0] += 1
    }
    #expect(abs(Double(first["a", default: 0]) / Double(rounds) - 0.6) < 0.02)
    #expect(abs(Double(first["b", default: 0]) / Double(rounds) - 0.3) < 0.02)
    #expect(abs(Double(first["c", default: 0]) / Double(rounds) - 0.1) < 0.02)
}

@Test func srvZeroWeightIsRareButPossible() {
    var rng = DNSTestRNG(seed: 7)
    let records = [srv(1, 0, "zero"), srv(1, 100, "heavy")]
    var zeroFirst = 0
    for _ in 0..<20_000 where SRVOrdering.order(records, using: &rng)[0].target == "zero" { zeroFirst += 1 }
    // Drawn from 0...100, only 0 picks the zero-weight record: about 1 in 101.
    #expect(zeroFirst > 100 && zeroFirst < 320)
    // All weights zero: every record still comes out exactly once.
    let zeros = [srv(1, 0, "x"), srv(1, 0, "y"), srv(1, 0, "z")]
    #expect(SRVOrdering.order(zeros, using: &rng).map(\.target).sorted() == ["x", "y", "z"])
}
