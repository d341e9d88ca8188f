@testable import Audio
import Testing

extension AudioSuite {
    /// The PulseAudio buffer attributes: refills every half latency, with the sink's own
    /// latency kept where it was (a quarter), never zero.
    @Suite struct PulseBufferPlanTests {
        @Test func theDefaultRefillsEveryTwentyMilliseconds() {
            let plan = PulseBufferPlan(latencyMilliseconds: 40, frameMilliseconds: 10)
            #expect(plan.targetLength == 60 && plan.refill == 20 && plan.fragment == 20)
            #expect(plan.sinkLatency == 10)
        }

        @Test(arguments: [20, 30, 40, 60, 100, 200])
        func theSinkNeverRunsWithoutLatency(latency: Int) {
            let plan = PulseBufferPlan(latencyMilliseconds: latency, frameMilliseconds: 10)
            #expect(plan.sinkLatency >= latency / 4 - 5 && plan.sinkLatency > 0, "\(plan)")
            #expect(plan.refill >= 10 && plan.fragment >= 10)
            // The queue never runs below the latency asked for once a refill is due.
            #expect(plan.targetLength - plan.refill >= max(10, latency), "\(plan)")
        }

        @Test func nonsenseIsClampedToAFrame() {
            let plan = PulseBufferPlan(latencyMilliseconds: 0, frameMilliseconds: 10)
            #expect(plan.refill == 10 && plan.fragment == 10 && plan.targetLength == 20)
        }
    }
}
