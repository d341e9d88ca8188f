import Testing
@testable import Media

@Suite("ReceiverStatisticsTests", .timeLimit(.minutes(1)))
struct ReceiverStatisticsTests {
    static let t0 = ContinuousClock.now
    static let ssrc: UInt32 = 0xABCD

    /// Feeds sequence numbers as a G.711 stream: timestamp 160 per sequence step from
    /// `first`, arriving every 20 ms of sequence time (plus `lateness` ms if given).
    @discardableResult
    static func feed(_ stats: inout ReceiverStatistics, _ sequences: [UInt16], first: UInt16? = nil, ssrc: UInt32 = ssrc,
                     lateness: (Int) -> Double = { _ in 0 }) -> [ReceiverStatistics.Verdict] {
        let base = first ?? sequences.first ?? 0
        return sequences.enumerated().map { index, seq in
            let step = Int(UInt16(truncatingIfNeeded: seq &- base))
            let arrival = t0.plus(ms: Double(step) * 20 + lateness(index))
            return stats.received(ssrc: ssrc, sequence: seq, timestamp: UInt32(step * 160), payloadBytes: 160, arrival: arrival)
        }
    }

    @Test func probationThenAccepted() {
        var stats = ReceiverStatistics(clockRate: 8000)
        #expect(stats.makeReportBlock(now: Self.t0) == nil)
        let verdicts = Self.feed(&stats, [100, 101, 102])
        #expect(verdicts == [.probation, .accepted, .accepted])
        #expect(stats.packetsReceived == 2)
        #expect(stats.packetsExpected == 2)
        #expect(stats.cumulativeLost == 0)
        #expect(stats.octetsReceived == 320)
    }

    @Test func probationRestartsWhenOutOfOrder() {
        var stats = ReceiverStatistics(clockRate: 8000)
        let verdicts = Self.feed(&stats, [100, 105, 106, 107])
        #expect(verdicts == [.probation, .probation, .accepted, .accepted])
        #expect(stats.packetsExpected == 2)
    }

    @Test func inOrderStreamHasNoLoss() throws {
        var stats = ReceiverStatistics(clockRate: 8000)
        Self.feed(&stats, (1000..<1100).map { UInt16($0) })
        let block = try nextBlock(&stats, now: Self.t0)
        #expect(block.ssrc == Self.ssrc)
        #expect(block.fractionLost == 0)
        #expect(block.cumulativeLost == 0)
        #expect(block.extendedHighestSequence == 1099)
        #expect(block.jitter == 0)
    }

    @Test func sequenceWrapCountsACycle() throws {
        var stats = ReceiverStatistics(clockRate: 8000)
        let sequences = (0..<20).map { UInt16(truncatingIfNeeded: 65530 + $0) }
        #expect(Self.feed(&stats, sequences).dropFirst().allSatisfy { $0 == .accepted })
        #expect(stats.extendedHighestSequence == 65536 + 13)
        #expect(stats.cumulativeLost == 0)
        // And a lost packet right at the wrap is counted once.
        var lossy = ReceiverStatistics(clockRate: 8000)
        Self.feed(&lossy, [65533, 65534, 65535, 1, 2], first: 65533)
        #expect(lossy.cumulativeLost == 1)
        #expect(lossy.extendedHighestSequence == 65536 + 2)
    }

    @Test func lossAndFractionPerInterval() throws {
        var stats = ReceiverStatistics(clockRate: 8000)
        Self.feed(&stats, (1000..<1100).filter { !(1010..<1015).contains($0) }.map { UInt16($0) })
        // Base is 1001 (the first packet was probation): 99 expected, 94 received.
        let first = try nextBlock(&stats, now: Self.t0)
        #expect(first.cumulativeLost == 5)
        #expect(first.fractionLost == UInt8((5 << 8) / 99))
        // Next interval: a burst of 10 lost out of 50.
        Self.feed(&stats, (1100..<1150).filter { !(1120..<1130).contains($0) }.map { UInt16($0) }, first: 1000)
        let second = try nextBlock(&stats, now: Self.t0)
        #expect(second.cumulativeLost == 15)
        #expect(second.fractionLost == UInt8((10 << 8) / 50))
        #expect(stats.lastFractionLost == Double((10 << 8) / 50) / 256)
        // An interval with nothing lost reports zero again.
        Self.feed(&stats, (1150..<1160).map { UInt16($0) }, first: 1000)
        let third = try nextBlock(&stats, now: Self.t0)
        #expect(third.fractionLost == 0)
    }

    @Test func reorderingIsNotLoss() throws {
        var stats = ReceiverStatistics(clockRate: 8000)
        let verdicts = Self.feed(&stats, [1, 2, 3, 5, 4, 6, 9, 7, 8, 10], first: 1)
        #expect(verdicts[4] == .reordered)
        #expect(verdicts[7] == .reordered && verdicts[8] == .reordered)
        #expect(stats.reorderedPackets == 3)
        #expect(stats.cumulativeLost == 0)
        let block = try nextBlock(&stats, now: Self.t0)
        #expect(block.fractionLost == 0)
    }

    @Test func duplicatesAreNeitherReceivedNorLost() {
        var stats = ReceiverStatistics(clockRate: 8000)
        let verdicts = Self.feed(&stats, [1, 2, 3, 3, 4, 4, 5, 3], first: 1)
        #expect(verdicts == [.probation, .accepted, .accepted, .duplicate, .accepted, .duplicate, .accepted, .duplicate])
        #expect(stats.duplicates == 3)
        #expect(stats.packetsReceived == 4)
        #expect(stats.cumulativeLost == 0)
    }

    @Test func duplicatesDoNotHideRealLoss() {
        // 6 never comes; 5 arrives three times. Plain A.1 would report zero loss.
        var stats = ReceiverStatistics(clockRate: 8000)
        Self.feed(&stats, [1, 2, 3, 4, 5, 5, 5, 7, 8, 9, 10], first: 1)
        #expect(stats.cumulativeLost == 1)
    }

    @Test func ssrcChangeRestartsTheSource() {
        var stats = ReceiverStatistics(clockRate: 8000)
        Self.feed(&stats, (1..<50).map { UInt16($0) })
        // One stray packet of another source changes nothing…
        #expect(Self.feed(&stats, [20], ssrc: 0x1234) == [.probation])
        #expect(stats.ssrc == Self.ssrc)
        #expect(stats.packetsReceived == 48)
        // …two in sequence take over, and the statistics start again.
        let verdicts = Self.feed(&stats, [30000, 30001, 30002], ssrc: 0x1234)
        #expect(verdicts == [.probation, .newSource, .accepted])  // 20→30000 is not in sequence
        #expect(stats.ssrc == 0x1234)
        #expect(stats.packetsReceived == 2)
        #expect(stats.extendedHighestSequence == 30002)
        #expect(stats.cumulativeLost == 0)
        #expect(stats.jitter == 0)
    }

    @Test func lateOldSourcePacketsDoNotResetTheNewOne() {
        var stats = ReceiverStatistics(clockRate: 8000)
        Self.feed(&stats, (1..<50).map { UInt16($0) }, ssrc: 1)
        #expect(Self.feed(&stats, [500, 501, 502], ssrc: 2) == [.probation, .newSource, .accepted])
        #expect(stats.ssrc == 2)
        // Late packets of the old stream, out of order, interleaved with the new one.
        #expect(Self.feed(&stats, [45], ssrc: 1) == [.probation])
        #expect(Self.feed(&stats, [503], ssrc: 2) == [.accepted])
        #expect(Self.feed(&stats, [47], ssrc: 1) == [.probation])
        #expect(Self.feed(&stats, [504], ssrc: 2) == [.accepted])
        // Two old packets in sequence, but not back to back: still no switch back.
        #expect(Self.feed(&stats, [48], ssrc: 1) == [.probation])
        #expect(Self.feed(&stats, [505], ssrc: 2) == [.accepted])
        #expect(Self.feed(&stats, [49], ssrc: 1) == [.probation])
        #expect(stats.ssrc == 2)
        #expect(stats.packetsReceived == 5)
        #expect(stats.cumulativeLost == 0)
    }

    @Test func bigJumpRestartsAfterTwoSequentialPackets() {
        var stats = ReceiverStatistics(clockRate: 8000)
        Self.feed(&stats, (100...110).map { UInt16($0) })
        let verdicts = Self.feed(&stats, [40000, 40001, 40002], first: 100)
        #expect(verdicts == [.badSequence, .restarted, .accepted])
        #expect(stats.extendedHighestSequence == 40002)
        #expect(stats.packetsExpected == 2)
        #expect(stats.cumulativeLost == 0)
    }

    @Test func oneStrayJumpIsIgnored() {
        var stats = ReceiverStatistics(clockRate: 8000)
        Self.feed(&stats, (100...110).map { UInt16($0) })
        let verdicts = Self.feed(&stats, [50000, 111, 112], first: 100)
        #expect(verdicts == [.badSequence, .accepted, .accepted])
        #expect(stats.extendedHighestSequence == 112)
        #expect(stats.cumulativeLost == 0)
    }

    @Test func cumulativeLostIsClampedTo24Bits() throws {
        var stats = ReceiverStatistics(clockRate: 8000)
        var seq: UInt16 = 0
        var verdicts: [ReceiverStatistics.Verdict] = []
        for _ in 0..<3000 {
            // Steps of 2999 stay inside MAX_DROPOUT: each loses 2998 packets.
            verdicts.append(stats.received(ssrc: 1, sequence: seq, timestamp: 0, payloadBytes: 0, arrival: Self.t0))
            seq &+= verdicts.count < 2 ? 1 : 2999
        }
        #expect(stats.cumulativeLost > 8_388_607)
        let block = try nextBlock(&stats, now: Self.t0)
        #expect(block.cumulativeLost == 8_388_607)
        #expect(block.fractionLost == 255)
    }

    @Test func jitterFollowsA8() throws {
        var stats = ReceiverStatistics(clockRate: 8000)
        // Every other packet 10 ms late: |D| is 80 units each time, J converges to 80.
        Self.feed(&stats, (0..<400).map { UInt16($0) }, lateness: { $0 % 2 == 1 ? 10 : 0 })
        #expect(abs(stats.jitter - 80) < 0.5)
        #expect(abs(stats.jitterMilliseconds - 10) < 0.1)
        let block = try nextBlock(&stats, now: Self.t0)
        #expect(block.jitter == UInt32(stats.jitter))
        // The first step by hand: J = |D|/16 after two counted packets.
        var one = ReceiverStatistics(clockRate: 8000)
        Self.feed(&one, [0, 1, 2], lateness: { $0 == 2 ? 5 : 0 })
        #expect(one.jitter == 40.0 / 16)
    }

    @Test func jitterAtOpusClockAndAfterAClockChange() {
        var stats = ReceiverStatistics(clockRate: 48000)
        for i in 0..<300 {
            let late = i % 2 == 1 ? 4.0 : 0
            stats.received(ssrc: 9, sequence: UInt16(i), timestamp: UInt32(i * 960), payloadBytes: 80,
                           arrival: Self.t0.plus(ms: Double(i) * 20 + late))
        }
        #expect(abs(stats.jitter - 192) < 1)
        #expect(abs(stats.jitterMilliseconds - 4) < 0.02)
        stats.setClockRate(8000)
        #expect(abs(stats.jitterMilliseconds - 4) < 0.02)
    }

    @Test func lastSRAndDelaySinceIt() throws {
        var stats = ReceiverStatistics(clockRate: 8000)
        Self.feed(&stats, [1, 2, 3])
        let ntp = NTPTimestamp(seconds: 0xE87B_2D3C, fraction: 0x8000_0000)
        stats.senderReportReceived(ntp: ntp, at: Self.t0.plus(ms: 100))
        let block = try nextBlock(&stats, now: Self.t0.plus(ms: 1600))
        #expect(block.lastSR == 0x2D3C_8000)
        #expect(block.delaySinceLastSR == 98304)  // 1.5 s × 65536
        // No SR yet: both zero.
        var fresh = ReceiverStatistics(clockRate: 8000)
        Self.feed(&fresh, [1, 2])
        let none = try nextBlock(&fresh, now: Self.t0)
        #expect(none.lastSR == 0 && none.delaySinceLastSR == 0)
    }
}
