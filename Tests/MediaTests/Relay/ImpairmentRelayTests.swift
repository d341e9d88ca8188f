import Foundation
import Testing
import TestLab

/// The impairment relay on loopback with plain UDP sockets: what it was told to do is
/// what the endpoints see, from a fixed seed.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct ImpairmentRelayTests {
    /// A relay between two fresh endpoints, both configured (no latching needed).
    static func lab(_ aToB: Impairment, _ bToA: Impairment = .none, seed: UInt64 = 7)
        throws -> (ImpairmentRelay, RelayTestEndpoint, RelayTestEndpoint) {
        let a = try RelayTestEndpoint(), b = try RelayTestEndpoint()
        let relay = try ImpairmentRelay(.init(aToB: aToB, bToA: bToA, seed: seed, endpointA: a.port, endpointB: b.port))
        relay.start()
        return (relay, a, b)
    }

    @Test func randomLossRateMatchesTheSetting() throws {
        let (relay, a, b) = try Self.lab(Impairment(loss: 0.10), Impairment(loss: 0.03))
        defer { relay.stop() }
        relayExchange(5000, through: relay, a: a, b: b)
        let c = relay.counters
        #expect(c.aToB.received == 5000 && c.bToA.received == 5000)
        // Within about three standard deviations of n·p.
        #expect(abs(Double(c.aToB.dropped) / 5000 - 0.10) < 0.015)
        #expect(abs(Double(c.bToA.dropped) / 5000 - 0.03) < 0.008)
        #expect(b.arrivals.count == 5000 - c.aToB.dropped)
        #expect(a.arrivals.count == 5000 - c.bToA.dropped)
    }

    @Test func gilbertElliottLossComesInBursts() throws {
        let model = GilbertElliott(p: 0.02, r: 0.25)
        let (relay, a, b) = try Self.lab(Impairment(burstLoss: model), Impairment(loss: model.meanLoss))
        defer { relay.stop() }
        relayExchange(5000, through: relay, a: a, b: b)
        let bursty = Self.lossRuns(received: b.arrivals.map(\.index), sent: 5000)
        let random = Self.lossRuns(received: a.arrivals.map(\.index), sent: 5000)
        let meanBurst = Double(bursty.reduce(0, +)) / Double(max(bursty.count, 1))
        let meanRandom = Double(random.reduce(0, +)) / Double(max(random.count, 1))
        // Mean burst 1/r = 4 and loss p/(p+r) ≈ 7.4 %; independent loss at the same rate
        // gives runs of about one packet.
        #expect(meanBurst > 3 && meanBurst < 5, "mean burst \(meanBurst)")
        #expect(meanRandom < 1.3, "mean random run \(meanRandom)")
        #expect(abs(Double(bursty.reduce(0, +)) / 5000 - model.meanLoss) < 0.03)
        #expect(relay.counters.aToB.dropped == bursty.reduce(0, +))
    }

    @Test func delaysStayWithinTheJitterBounds() throws {
        let (relay, a, b) = try Self.lab(Impairment(delayMs: 10, jitter: .uniform(maxMs: 30)),
                                         Impairment(jitter: .pareto(scaleMs: 4, shape: 2.5, capMs: 120)))
        defer { relay.stop() }
        relayExchange(400, through: relay, a: a, b: b, perMs: 1)
        let uniform = b.arrivals.map(\.delayMs)
        #expect(uniform.count == 400)
        // Never early. Late by poll granularity and, on a busy machine, by the scheduler:
        // the bulk within 5 ms of the bound, the stragglers within 60.
        let sorted = uniform.sorted()
        #expect((sorted.first ?? 0) >= 9.9)
        #expect(sorted[sorted.count * 95 / 100] <= 45, "p95 \(sorted[sorted.count * 95 / 100])")
        #expect((sorted.last ?? 999) <= 100)
        #expect(sorted[sorted.count / 20] < 14 && sorted[sorted.count * 19 / 20] > 34)
        let mean = uniform.reduce(0, +) / Double(max(uniform.count, 1))
        #expect(mean > 23 && mean < 30, "mean \(mean)")
        // Jitter beyond the 1 ms spacing reorders packets.
        #expect(relay.counters.aToB.outOfOrder > 50)
        #expect(Self.outOfOrder(b.arrivals.map(\.index)) > 50)

        let tail = a.arrivals.map(\.delayMs).sorted()
        #expect(tail.count == 400)
        #expect((tail.first ?? -1) >= 0 && tail[tail.count * 95 / 100] <= 125 && (tail.last ?? 999) <= 180)
        // Heavy tail: the median is a couple of ms, the top 2 % far beyond it.
        let median = tail[tail.count / 2], p98 = tail[tail.count * 98 / 100]
        #expect(median < 6 && p98 > 4 * median, "median \(median) p98 \(p98)")
    }

    @Test func duplicationAndExplicitReordering() throws {
        let (relay, a, b) = try Self.lab(Impairment(duplicate: 0.2), Impairment(reorder: 0.1, reorderDelayMs: 20))
        defer { relay.stop() }
        relayExchange(1000, through: relay, a: a, b: b, perMs: 2)
        let c = relay.counters
        #expect(c.aToB.duplicated > 160 && c.aToB.duplicated < 240)
        #expect(b.arrivals.count == 1000 + c.aToB.duplicated)
        let seen = Dictionary(grouping: b.arrivals.map(\.index), by: { $0 }).mapValues(\.count)
        #expect(seen.count == 1000 && seen.values.filter { $0 == 2 }.count == c.aToB.duplicated)
        #expect(c.bToA.heldBack > 70 && c.bToA.heldBack < 130)
        #expect(a.arrivals.count == 1000)
        // Each held-back packet arrives after a later one, except perhaps the last few.
        #expect(Self.outOfOrder(a.arrivals.map(\.index)) >= c.bToA.heldBack - 5)
        #expect(c.bToA.outOfOrder == Self.outOfOrder(a.arrivals.map(\.index)))
    }

    @Test func theSameSeedMakesTheSameDecisions() throws {
        let impairment = Impairment(loss: 0.1, burstLoss: GilbertElliott(p: 0.05, r: 0.3), duplicate: 0.1)
        func run(seed: UInt64) throws -> [UInt64] {
            let (relay, a, b) = try Self.lab(impairment, seed: seed)
            defer { relay.stop() }
            relayExchange(1000, through: relay, a: a, b: b, bSends: false)
            return b.arrivals.map(\.index).sorted()
        }
        let first = try run(seed: 42)
        #expect(try run(seed: 42) == first)
        #expect(try run(seed: 43) != first)

        var one = ImpairmentDecider(impairment, seed: 9), two = ImpairmentDecider(impairment, seed: 9)
        for _ in 0..<10_000 { #expect(one.next() == two.next()) }
    }

    @Test func latchesEndpointsAndReleasesItsPortsOnStop() throws {
        let a = try RelayTestEndpoint(), b = try RelayTestEndpoint()
        let relay = try ImpairmentRelay(.init())
        relay.start()
        // B speaks first (its datagram has nowhere to go yet), then A; then both get through.
        b.send(0, to: relay.portB)
        usleep(10_000)
        a.send(0, to: relay.portA)
        usleep(20_000)
        #expect(relay.endpoints.a == a.port && relay.endpoints.b == b.port)
        a.send(1, to: relay.portA)
        b.send(1, to: relay.portB)
        drainRelayEndpoints([a, b], quietMs: 30)
        #expect(b.arrivals.map(\.index) == [0, 1] && a.arrivals.map(\.index) == [1])
        #expect(relay.counters.bToA.discarded == 1)
        let ports = (relay.portA, relay.portB)
        relay.stop()
        for port in [ports.0, ports.1] {
            let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            defer { close(fd) }
            var addr = RelayTestEndpoint.loopback(port)
            let rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            #expect(rc == 0, "port \(port) still held")
        }
    }

    @Test func paretoJitterIsHeavyTailed() {
        var decider = ImpairmentDecider(Impairment(jitter: .pareto(scaleMs: 3, shape: 2.5, capMs: 500)), seed: 1)
        let delays = (0..<20_000).map { _ in decider.next().delaysMs[0] }.sorted()
        let mean = delays.reduce(0, +) / Double(delays.count)
        #expect(abs(mean - 2.0) < 0.25, "mean \(mean)")  // scale / (shape − 1)
        #expect(delays[delays.count * 999 / 1000] > 10 * delays[delays.count / 2])
        #expect((delays.last ?? 999) <= 500 && (delays.first ?? -1) >= 0)
    }

    /// Lengths of the runs of consecutive missing indices.
    static func lossRuns(received: [UInt64], sent: Int) -> [Int] {
        let got = Set(received)
        var runs: [Int] = [], run = 0
        for i in 0..<UInt64(sent) {
            if got.contains(i) { if run > 0 { runs.append(run) }; run = 0 } else { run += 1 }
        }
        if run > 0 { runs.append(run) }
        return runs
    }

    /// Arrivals with an index below one already seen.
    static func outOfOrder(_ indices: [UInt64]) -> Int {
        var highest: UInt64? = nil, count = 0
        for i in indices {
            if let h = highest, i < h { count += 1 }
            highest = max(highest ?? i, i)
        }
        return count
    }
}
