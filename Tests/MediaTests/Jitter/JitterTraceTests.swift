import Testing
import Media

/// A minute of call per trace, replayed on a virtual clock through the whole playout,
/// with thresholds on delay, lateness and concealment.
@Suite(.timeLimit(.minutes(1)))
struct JitterTraceTests {
    func replay(_ spec: TraceSpec, frameMs: Int = 20) -> (JitterTrace, TraceRun) {
        let trace = JitterTrace(spec)
        return (trace, TraceRun(trace, spec: spec, frameMs: frameMs))
    }

    func sentCount(_ spec: TraceSpec) -> Int { Int(spec.seconds * 1000) / spec.packetMs }

    @Test(arguments: [10, 20])
    func withoutJitterTheDelayStaysNearTheMinimum(frameMs: Int) {
        let (_, run) = replay(TraceSpec(), frameMs: frameMs)
        let s = run.statistics
        #expect(s.packetsLost == 0 && s.packetsLate == 0)
        #expect(s.framesConcealed == 0)
        #expect(s.targetDelayMs == 20)
        #expect(run.meanDelay <= 40, "mean delay \(run.meanDelay)")
    }

    @Test func uniformJitterOf40msKeepsDelayAndLatenessLow() {
        let (_, run) = replay(TraceSpec(jitter: .uniform(maxMs: 40)))
        let s = run.statistics
        let late = Double(s.packetsLate) / Double(s.packetsReceived)
        #expect(late < 0.01, "late \(late)")
        #expect(run.meanDelay < 70, "mean delay \(run.meanDelay)")
        #expect(Double(s.framesConcealed) < 0.02 * Double(run.delays.count))
    }

    @Test(arguments: [16000, 48000])
    func widebandStreamsBehaveTheSame(clockRate: Int) {
        let spec = TraceSpec(seconds: 30, clockRate: clockRate, jitter: .uniform(maxMs: 40),
                             gilbert: (p: 0.01, r: 0.5, loss: 0.8), drift: 0.001, seed: 21)
        let (trace, run) = replay(spec)
        let s = run.statistics
        #expect(s.packetsLost == trace.dropped + s.packetsLate)
        #expect(Double(s.packetsLate) < 0.01 * Double(s.packetsReceived))
        #expect(run.meanDelay < 70, "mean delay \(run.meanDelay)")
    }

    @Test func heavyTailedJitterIsCoveredByAHigherTarget() {
        let (_, run) = replay(TraceSpec(jitter: .pareto(scaleMs: 10, shape: 2.5, capMs: 400), seed: 5))
        let s = run.statistics
        let late = Double(s.packetsLate) / Double(s.packetsReceived)
        #expect(late < 0.03, "late \(late)")
        #expect(run.meanDelay < 120, "mean delay \(run.meanDelay)")
        #expect(s.targetDelayMs > 25)
    }

    @Test func burstyLossIsCountedAndConcealedExactly() {
        // Gilbert–Elliott: about 3 % loss in bursts.
        let spec = TraceSpec(jitter: .uniform(maxMs: 10), gilbert: (p: 0.01, r: 0.3, loss: 0.9), seed: 11)
        let (trace, run) = replay(spec)
        let s = run.statistics
        #expect(trace.dropped > 30)
        // Late packets are lost too; every dropped packet is counted once.
        #expect(s.packetsLost == trace.dropped + s.packetsLate)
        #expect(s.packetsLate <= 5)
        // About one concealed 20 ms frame per lost packet: more where concealment
        // straddles two ticks, fewer where a long burst became silence (> 100 ms).
        #expect(s.framesConcealed >= s.packetsLost * 8 / 10 && s.framesConcealed <= s.packetsLost * 2)
    }

    @Test func reorderingAndDuplicatesAreAbsorbed() {
        let spec = TraceSpec(jitter: .uniform(maxMs: 5), duplicateProbability: 0.02, reorderProbability: 0.03, seed: 3)
        let (trace, run) = replay(spec)
        let s = run.statistics
        #expect(trace.duplicated > 10)
        #expect(s.packetsDuplicate == trace.duplicated)
        // All but the last few (still on their way when the run ends) were received.
        #expect(s.packetsReceived <= trace.packets.count && s.packetsReceived >= trace.packets.count - 5)
        // Reordered packets are 30 ms late: the target grows to cover them.
        #expect(Double(s.packetsLate) < 0.01 * Double(sentCount(spec)), "late \(s.packetsLate)")
    }

    @Test(arguments: [0.001, -0.001])
    func clockDriftDoesNotMakeTheDelayCreep(drift: Double) {
        let (_, run) = replay(TraceSpec(jitter: .uniform(maxMs: 10), drift: drift))
        let s = run.statistics
        let early = run.meanDelay(from: 0.05, to: 0.2)
        let late = run.meanDelay(from: 0.85, to: 1)
        // 0.1 % over 60 s is 60 ms: it must be absorbed, not accumulated.
        #expect(abs(late - early) < 15, "delay from \(early) to \(late)")
        if drift > 0 { #expect(s.framesAccelerated >= 4) } else { #expect(s.framesExpanded + s.framesConcealed >= 4) }
        #expect(Double(s.packetsLate) < 0.01 * Double(s.packetsReceived))
    }

    @Test func dtxGapsAreNotLossAndEachTalkSpurtStartsAtTheTarget() {
        let spec = TraceSpec(jitter: .uniform(maxMs: 20), dtx: (talkMs: 1200, silenceMs: 800))
        let (_, run) = replay(spec)
        let s = run.statistics
        #expect(s.packetsLost == 0)
        // At most `maxConcealMs` (5 frames) concealed per gap, 30 gaps, and under 1 %
        // of the talk frames for late packets.
        #expect(s.framesConcealed <= 30 * 5 + 18)
        #expect(run.meanDelay < 60, "mean delay \(run.meanDelay)")
    }

    @Test func aMidCallSSRCChangeRestartsCleanly() {
        let spec = TraceSpec(jitter: .uniform(maxMs: 20), ssrcChangeAtSeconds: 30)
        let (_, run) = replay(spec)
        let s = run.statistics
        #expect(s.streamResets == 1)
        #expect(s.packetsLost == 0)
        #expect(s.framesConcealed <= 6)
        #expect(run.meanDelay(from: 0.7, to: 1) < 60)
    }

    @Test func sequenceAndTimestampWrapMidCall() {
        let spec = TraceSpec(jitter: .uniform(maxMs: 20), firstSequence: 65000, firstTimestamp: UInt32.max - 80_000)
        let (_, run) = replay(spec)
        let s = run.statistics
        #expect(s.streamResets == 0 && s.packetsLost == 0)
        #expect(Double(s.packetsLate) < 0.01 * Double(s.packetsReceived))
    }

    /// Concealment, merging, accelerate and expand on a harmonic tone (a triangle wave,
    /// whose steepest step is 1000): after the first second the output never steps much
    /// further than the tone itself does, i.e. no clicks.
    @Test(arguments: [
        TraceSpec(jitter: .uniform(maxMs: 10), drift: 0.001),
        TraceSpec(jitter: .uniform(maxMs: 10), drift: -0.001),
        TraceSpec(jitter: .uniform(maxMs: 10), gilbert: (p: 0.01, r: 0.3, loss: 0.9), seed: 11),
        TraceSpec(jitter: .pareto(scaleMs: 10, shape: 2.5, capMs: 400), seed: 5),
        TraceSpec(packetMs: 10, jitter: .uniform(maxMs: 40), gilbert: (p: 0.01, r: 0.5, loss: 0.8)),
        TraceSpec(jitter: .pareto(scaleMs: 10, shape: 2, capMs: 300), gilbert: (p: 0.03, r: 0.4, loss: 0.8), drift: 0.001, seed: 2),
    ])
    func theOutputStaysFreeOfClicks(spec: TraceSpec) {
        let run = TraceRun(JitterTrace(spec), spec: spec, keepOutput: true)
        let s = run.statistics
        #expect(s.framesConcealed + s.framesAccelerated + s.framesExpanded > 10)
        #expect(AudioChecks.maxJump(run.output[8000...]) <= 1300)
    }

    @Test func aMinuteOfCallIsFastAndDeterministic() {
        let spec = TraceSpec(jitter: .uniform(maxMs: 40), gilbert: (p: 0.02, r: 0.5, loss: 0.5))
        let clock = ContinuousClock()
        var first: TraceRun?
        let elapsed = clock.measure { first = replay(spec).1 }
        let second = replay(spec).1
        #expect(first?.statistics == second.statistics)
        #expect(first?.delays == second.delays)
        // Debug builds on a busy machine included; a release build takes about 40 ms.
        #expect(elapsed < .seconds(2), "took \(elapsed)")
    }
}
