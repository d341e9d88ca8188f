import Testing
@testable import Media

@Suite("EModelTests", .timeLimit(.minutes(1)))
struct EModelTests {
    @Test func perfectConditionsGiveTheTopOfTheNarrowBandScale() {
        #expect(EModel.rating(mouthToEarMilliseconds: 0, lossPercent: 0, codec: .g711) == 93.2)
        #expect(abs(EModel.mos(rating: 93.2) - 4.41) < 0.01)
    }

    @Test func g711SmallDelayNoLoss() {
        // 50 ms: Id = 1.2, R = 92.0, MOS ≈ 4.38.
        let r = EModel.rating(mouthToEarMilliseconds: 50, lossPercent: 0, codec: .g711)
        #expect(abs(r - 92.0) < 1e-9)
        let mos = EModel.mos(rating: r)
        #expect(mos > 4.3 && mos < 4.45)
    }

    @Test func fivePercentRandomLossOnG711() {
        // Ie,eff = 95 × 5 / (5 + 25.1) = 15.78; R = 93.2 − 1.2 − 15.78 = 76.2; MOS ≈ 3.87.
        let r = EModel.rating(mouthToEarMilliseconds: 50, lossPercent: 5, codec: .g711)
        #expect(abs(r - (92.0 - 95 * 5 / 30.1)) < 1e-9)
        let mos = EModel.mos(rating: r)
        #expect(abs(mos - 3.87) < 0.01)
        #expect(EModel.mos(mouthToEarMilliseconds: 50, lossPercent: 0, codec: .g711) - mos > 0.4)
        // Bursty loss hurts more than random loss at the same rate.
        #expect(EModel.mos(mouthToEarMilliseconds: 50, lossPercent: 5, codec: .g711, burstRatio: 2) < mos)
    }

    @Test func longDelayUsesTheSecondSlope() {
        // d = 300: Id = 0.024 × 300 + 0.11 × (300 − 177.3) = 20.697.
        let r = EModel.rating(mouthToEarMilliseconds: 300, lossPercent: 0, codec: .g711)
        #expect(abs(r - (93.2 - 20.697)) < 1e-9)
    }

    @Test func mosIsMonotoneInLossAndDelay() {
        var previous = 5.0
        for loss in stride(from: 0.0, through: 40, by: 0.5) {
            let mos = EModel.mos(mouthToEarMilliseconds: 80, lossPercent: loss, codec: .g711)
            #expect(mos < previous || (mos == 1 && previous == 1), "loss \(loss)")
            previous = mos
        }
        previous = 5.0
        for delay in stride(from: 0.0, through: 500, by: 10) {
            let mos = EModel.mos(mouthToEarMilliseconds: delay, lossPercent: 1, codec: .opus)
            #expect(mos < previous, "delay \(delay)")
            previous = mos
        }
    }

    @Test func mosBoundsAndHostileInput() {
        #expect(EModel.mos(rating: -20) == 1)
        #expect(EModel.mos(rating: 0) == 1)
        #expect(EModel.mos(rating: 120) == 4.5)
        #expect(EModel.mos(rating: 3) == 1)  // the cubic's dip below 1
        #expect(EModel.mos(rating: .nan) == 1)
        #expect(EModel.rating(mouthToEarMilliseconds: .nan, lossPercent: .nan, codec: .g711) == 93.2)
        #expect(EModel.rating(mouthToEarMilliseconds: -5, lossPercent: -1, codec: .g711) == 93.2)
        #expect(EModel.mos(mouthToEarMilliseconds: 50, lossPercent: 500, codec: .g711) ==
                EModel.mos(mouthToEarMilliseconds: 50, lossPercent: 100, codec: .g711))
    }

    @Test func opusIsMoreRobustToLossThanG711() {
        let opus = EModel.mos(mouthToEarMilliseconds: 60, lossPercent: 3, codec: .opus)
        let g711 = EModel.mos(mouthToEarMilliseconds: 60, lossPercent: 3, codec: .g711)
        #expect(opus > g711)
    }

    @Test func callQualityBuildsTheDelayAndMOS() {
        var quality = CallQuality()
        quality.roundTripMilliseconds = 100
        quality.jitterBufferDelayMilliseconds = 60
        #expect(quality.mouthToEarMilliseconds(codec: .g711) == 50 + 60 + 20)
        quality.fractionLost = 0.05
        #expect(quality.estimatedMOS(codec: .g711) ==
                EModel.mos(mouthToEarMilliseconds: 130, lossPercent: 5, codec: .g711))
    }

    @Test func callQualityTakesReceiverAndPeerFigures() throws {
        let t0 = ContinuousClock.now
        var stats = ReceiverStatistics(clockRate: 8000)
        for seq in 0..<100 where seq != 50 {
            stats.received(ssrc: 3, sequence: UInt16(seq), timestamp: UInt32(seq * 160), payloadBytes: 160,
                           arrival: t0.plus(ms: Double(seq) * 20))
        }
        _ = try nextBlock(&stats, now: t0)
        var quality = CallQuality()
        quality.update(from: stats)
        #expect(quality.packetsReceived == 98)
        #expect(quality.octetsReceived == 98 * 160)
        #expect(quality.packetsLost == 1)
        #expect(quality.fractionLost == Double((1 << 8) / 99) / 256)

        let peer = RTCPReportBlock(ssrc: 1, fractionLost: 64, cumulativeLost: 7, extendedHighestSequence: 0,
                                   jitter: 160, lastSR: 0xB705_2000, delaySinceLastSR: 0x0005_4000)
        quality.update(fromPeerReport: peer, clockRate: 8000, arrival: NTPTimestamp(seconds: 0xB710, fraction: 0x8000_0000))
        #expect(quality.peerPacketsLost == 7)
        #expect(quality.peerFractionLost == 0.25)
        #expect(quality.peerJitterMilliseconds == 20)
        #expect(quality.roundTripMilliseconds == 6125)
    }
}
