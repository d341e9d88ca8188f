import Media
import Testing

/// The loss in the peer's reports that protection acts on: reordering by jitter is not
/// loss, real loss is, at once or when it persists.
struct PeerLossFilterTests {
    /// A report with `cumulative` packets lost so far, `fraction`/256 lost in the interval
    /// and `jitterMs` of interarrival jitter, about an 8 kHz stream.
    func block(cumulative: Int32, fraction: UInt8, jitterMs: Int) -> RTCPReportBlock {
        RTCPReportBlock(ssrc: 1, fractionLost: fraction, cumulativeLost: cumulative, extendedHighestSequence: 0,
                        jitter: UInt32(jitterMs * 8), lastSR: 0, delaySinceLastSR: 0)
    }

    func f(_ n: Double) -> Double { n / 256 }

    /// Each row: cumulative lost, fraction lost (1/256), jitter (ms); then what the filter
    /// hands out for 20 ms packets.
    func run(_ reports: [(Int32, UInt8, Int)]) -> [Double] {
        var filter = PeerLossFilter()
        return reports.map { filter.fraction(of: block(cumulative: $0.0, fraction: $0.1, jitterMs: $0.2), packetUnits: 160) }
    }

    @Test func reorderingOnACleanJitteryPathIsNoLoss() {
        // 40 ms of uniform jitter (RFC 3550 jitter about 13 ms): one or two packets still on
        // their way at a report, back by the next one. (The rows the benchmark's relay gave.)
        let got = run([(2, 4, 13), (0, 0, 13), (1, 2, 13), (2, 1, 14), (0, 0, 13)])
        let want: [Double] = [0, 0, 0, 0, 0]
        #expect(got == want)
    }

    @Test func realLossOnAJitteryPathCounts() {
        let got = run([(6, 25, 13), (12, 10, 13), (15, 5, 13)])
        let want: [Double] = [f(25), f(10), f(5)]
        #expect(got == want)
    }

    @Test func smallLossCountsOnceItPersists() {
        // Three lost in the first interval is more than 2 × 13 ms of jitter holds back;
        // then one more each interval keeps counting; an interval without loss ends it.
        let got = run([(3, 6, 13), (4, 2, 13), (5, 2, 13), (5, 0, 13), (6, 2, 13)])
        let want: [Double] = [f(6), f(2), f(2), 0, 0]
        #expect(got == want)
    }

    @Test func withoutJitterAnyLossCounts() {
        let got = run([(1, 3, 0), (1, 0, 0), (2, 2, 0)])
        let want: [Double] = [f(3), 0, f(2)]
        #expect(got == want)
    }

    @Test func lossThatStoppedIsNotReportedAgainByABlip() {
        // A lossy start, then a clean jittery path whose reports show reordering blips.
        let got = run([(20, 40, 13), (20, 0, 13), (22, 4, 13), (20, 0, 13)])
        let want: [Double] = [f(40), 0, 0, 0]
        #expect(got == want)
    }
}
