import Testing
import Media

/// The media benchmark's jitter case (`Benchmarks/media.py`: uniform jitter of 0…40 ms
/// on every packet, no loss, 20 ms packets) replayed as traces through the engine's
/// playout settings (10 ms frames, default jitter-buffer configuration), for G.711's
/// and Opus's clocks and several seeds.
@Suite(.timeLimit(.minutes(1)))
struct BenchmarkJitterTests {
    static func run(clockRate: Int, seed: UInt64, seconds: Double = 30, lateTicks: Double = 0) -> TraceRun {
        let spec = TraceSpec(seconds: seconds, clockRate: clockRate, baseDelayMs: 1, jitter: .uniform(maxMs: 40),
                             seed: seed)
        return TraceRun(JitterTrace(spec), spec: spec, frameMs: 10, lateTicks: lateTicks)
    }

    /// A packet that comes after its time is concealed: under a bounded jitter the
    /// target must cover all of it, not 97 %.
    @Test(arguments: [8000, 48000], [16, 3, 7])
    func boundedJitterMakesNoLatePackets(clockRate: Int, seed: UInt64) {
        let run = Self.run(clockRate: clockRate, seed: seed)
        let s = run.statistics
        #expect(s.packetsLate <= 2, "late \(s.packetsLate) of \(s.packetsReceived)")
        #expect(s.framesConcealed <= 4, "concealed \(s.framesConcealed)")
    }

    /// The delay at the end of a call is where it was near the start (the benchmark's
    /// drift: within 10 ms), and reaching it takes a few stretches, not one every second.
    @Test(arguments: [8000, 48000], [16, 3, 7])
    func theDelayHoldsStillThroughTheCall(clockRate: Int, seed: UInt64) {
        let run = Self.run(clockRate: clockRate, seed: seed)
        let s = run.statistics
        let early = run.meanDelay(from: 0.03, to: 0.12)
        let late = run.meanDelay(from: 0.9, to: 1)
        #expect(abs(late - early) <= 6, "delay from \(early) to \(late)")
        #expect(late < 60, "delay at the end \(late)")
        #expect(s.framesAccelerated + s.framesExpanded <= 30,
                "accelerated \(s.framesAccelerated), expanded \(s.framesExpanded)")
    }

    /// The benchmark runs on a shared machine: a media thread that ticks up to 10 ms
    /// late (a busy receiver) still plays every packet, with the same delay throughout.
    @Test(arguments: [16, 3, 7] as [UInt64])
    func aBusyReceiverStillPlaysEveryPacket(seed: UInt64) {
        let run = Self.run(clockRate: 8000, seed: seed, lateTicks: 10)
        let s = run.statistics
        #expect(s.packetsLate <= 2, "late \(s.packetsLate)")
        #expect(s.framesConcealed <= 4, "concealed \(s.framesConcealed)")
        let early = run.meanDelay(from: 0.03, to: 0.12)
        let late = run.meanDelay(from: 0.9, to: 1)
        #expect(abs(late - early) <= 6, "delay from \(early) to \(late)")
    }
}
