import Testing
import Media

@Suite(.timeLimit(.minutes(1)))
struct DelayEstimatorTests {
    /// Feeds 20 ms packets with the given extra delay per packet; returns the target.
    @discardableResult
    func feed(_ estimator: inout DelayEstimator, from k0: Int, count: Int, drift: Double = 0, delay: (Int) -> Double) -> Int {
        for k in k0..<(k0 + count) {
            let send = Double(k * 20)
            estimator.update(arrival: Int((send * (1 - drift) + 50 + delay(k)).rounded()), timestampMs: send)
        }
        return estimator.targetDelayMs
    }

    @Test func withoutJitterTheTargetIsTheMinimum() {
        var e = DelayEstimator()
        #expect(feed(&e, from: 0, count: 500) { _ in 0 } == 20)
    }

    @Test func uniformJitterGivesAHighQuantile() {
        var e = DelayEstimator()
        var random = SeededRandom(seed: 1)
        let target = feed(&e, from: 0, count: 1500) { _ in random.unit() * 40 }
        // 97th percentile of 0…40 ms is 38.8, plus a 5 ms margin; the window minimum is
        // a little above the true minimum, so a bit less.
        #expect(target >= 38 && target <= 48, "target \(target)")
    }

    @Test func theTargetRisesQuicklyAndFallsSlowly() {
        var e = DelayEstimator()
        var random = SeededRandom(seed: 2)
        feed(&e, from: 0, count: 200) { _ in 0 }
        // One second of 0…150 ms jitter.
        let risen = feed(&e, from: 200, count: 50) { _ in random.unit() * 150 }
        #expect(risen >= 100, "risen to \(risen)")
        // The jitter stops: after 2 s the target has come down by at most 10 ms/s.
        let later = feed(&e, from: 250, count: 100) { _ in 0 }
        #expect(later < risen)
        #expect(later >= risen - 21, "fell from \(risen) to \(later)")
        // …and in the end it gets back to the minimum.
        #expect(feed(&e, from: 350, count: 1500) { _ in 0 } == 20)
    }

    @Test func isolatedSpikesDoNotRaiseTheTarget() {
        var e = DelayEstimator()
        let target = feed(&e, from: 0, count: 1000) { k in k % 100 == 50 ? 300 : 0 }
        #expect(target == 20)
    }

    @Test func theTargetIsClampedToTheMaximum() {
        var e = DelayEstimator(settings: .init(maxDelayMs: 200))
        var random = SeededRandom(seed: 3)
        #expect(feed(&e, from: 0, count: 500) { _ in random.unit() * 1000 } == 200)
    }

    @Test func clockDriftIsNotMistakenForJitter() {
        for drift in [0.001, -0.001] {
            var e = DelayEstimator()
            #expect(feed(&e, from: 0, count: 3000, drift: drift) { _ in 0 } <= 25)
        }
    }
}
