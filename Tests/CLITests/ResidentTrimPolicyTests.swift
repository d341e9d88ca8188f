import Testing
@testable import pipit

/// When the trimmer gives pages back: on a virtual clock, fed readings of RssFile.
@Suite(.timeLimit(.minutes(1)))
struct ResidentTrimPolicyTests {
    static let mib = 1 << 20

    /// Feeds `readings` (MiB, one per `step` seconds); the times (seconds) a trim was
    /// asked for, each trim leaving `left` MiB.
    func trims(_ readings: [Double], step: Double = 2, left: Double = 4, policy: inout ResidentTrimPolicy) -> [Double] {
        var out: [Double] = []
        for (i, mib) in readings.enumerated() {
            let t = Double(i) * step
            let now = Int(t * 1000)
            if policy.observe(residentFile: Int(mib * Double(Self.mib)), at: now) {
                out.append(t)
                policy.trimmed(leaving: Int(left * Double(Self.mib)), at: now)
            }
        }
        return out
    }

    @Test func startUpIsTrimmedOnceItStopsGrowing() {
        var policy = ResidentTrimPolicy()
        // Growing at 0 and 2 s, quiet at 4 s: trimmed then, and not again while nothing grows.
        #expect(trims([6, 8, 8, 4, 4, 4], policy: &policy) == [4])
    }

    @Test func stillGrowingIsNotQuiet() {
        var policy = ResidentTrimPolicy()
        #expect(trims([6, 7, 8, 9, 10], policy: &policy) == [])
        #expect(policy.tick == policy.shortestTick)
    }

    @Test func growthBelowTheThresholdIsLeftAlone() {
        var policy = ResidentTrimPolicy()
        // Trimmed at 2 s to 4 MiB; then 0.9 MiB more, quiet: not worth a trim.
        #expect(trims([6, 6, 4.9, 4.9, 4.9, 4.9], policy: &policy) == [2])
    }

    @Test func aSecondTrimWaitsForTheInterval() {
        var policy = ResidentTrimPolicy()
        // Trimmed at 2 s; grown by 2 MiB and quiet at 4 s, but 5 s have not passed: at 8 s.
        #expect(trims([6, 6, 6, 6, 6, 6], policy: &policy) == [2, 8])
        #expect(policy.interval == 10_000)
    }

    @Test func trimsThatKeepComingBackSpaceThemselvesOut() {
        var policy = ResidentTrimPolicy()
        // What is in use comes back to 6 MiB after every trim: intervals 5, 10, 20, 40, 80, 80 s.
        let got = trims(Array(repeating: 6, count: 200), policy: &policy)
        let gaps = zip(got.dropFirst(), got).map { $0 - $1 }
        #expect(gaps == [6, 10, 20, 40, 80, 80, 80, 80, 80].prefix(gaps.count).map { $0 })
        #expect(policy.interval == policy.longestInterval)
    }

    @Test func aQuietSpellResetsTheInterval() {
        var policy = ResidentTrimPolicy()
        var readings = [6.0, 6, 6, 6, 6]              // trims at 2 and 8 s: interval 10 s
        readings += Array(repeating: 4, count: 30)   // 60 s with nothing to trim
        readings += [6, 6]                           // a call set up
        let got = trims(readings, policy: &policy)
        #expect(got == [2, 8, 72])
        #expect(policy.interval == policy.shortestInterval)
    }

    @Test func pagesTheKernelReclaimedLowerTheFloor() {
        var policy = ResidentTrimPolicy()
        // Trimmed to 4 MiB at 2 s; the kernel takes more (3 MiB); growth to 4.5 is then
        // 1.5 MiB over the floor: trimmed.
        #expect(trims([6, 6, 3, 3, 4.5, 4.5, 4.5, 4.5], policy: &policy) == [2, 10])
    }

    @Test func anIdleProcessIsReadLessAndLessOften() {
        var policy = ResidentTrimPolicy()
        _ = trims([6, 6, 4, 4, 4, 4, 4, 4, 4, 4, 4], policy: &policy)
        #expect(policy.tick == policy.longestTick)
        // Then anything moves: read again soon.
        _ = policy.observe(residentFile: 5 * Self.mib, at: 600_000)
        #expect(policy.tick == policy.shortestTick)
    }
}
