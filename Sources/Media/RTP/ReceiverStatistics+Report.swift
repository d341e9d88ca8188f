extension ReceiverStatistics {
    /// The report block for our next SR/RR about this source (A.3), or nil before the
    /// source has passed probation. Starts a new interval for the fraction lost.
    public mutating func makeReportBlock(now: ContinuousClock.Instant) -> RTCPReportBlock? {
        guard let ssrc, probation == 0 else { return nil }
        let expected = packetsExpected
        let expectedInterval = expected - expectedPrior
        expectedPrior = expected
        let receivedInterval = packetsReceived - receivedPrior
        receivedPrior = packetsReceived
        let lostInterval = expectedInterval - receivedInterval
        let fraction: UInt8
        if expectedInterval <= 0 || lostInterval <= 0 {
            fraction = 0
        } else {
            fraction = UInt8(clamping: (lostInterval << 8) / expectedInterval)
        }
        lastFractionLost = Double(fraction) / 256
        let lost = min(max(cumulativeLost, RTCPReportBlock.cumulativeLostRange.lowerBound),
                       RTCPReportBlock.cumulativeLostRange.upperBound)
        return RTCPReportBlock(
            ssrc: ssrc, fractionLost: fraction, cumulativeLost: Int32(lost),
            extendedHighestSequence: extendedHighestSequence, jitter: UInt32(clamping: Int64(jitter)),
            lastSR: lastSRMiddle, delaySinceLastSR: delaySinceLastSR(now: now))
    }

    /// DLSR in 1/65536 s, 0 without an SR (RFC 3550 §6.4.1).
    func delaySinceLastSR(now: ContinuousClock.Instant) -> UInt32 {
        guard let arrival = lastSRArrival, lastSRMiddle != 0 else { return 0 }
        return UInt32(clamping: max(DurationUnits.ticks(in: now - arrival, rate: 65536), 0))
    }
}
