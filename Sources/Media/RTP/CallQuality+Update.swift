extension CallQuality {
    /// Takes our reception figures from `receiver`.
    public mutating func update(from receiver: ReceiverStatistics) {
        packetsReceived = UInt64(clamping: receiver.packetsReceived)
        octetsReceived = UInt64(clamping: receiver.octetsReceived)
        packetsLost = receiver.cumulativeLost
        fractionLost = receiver.lastFractionLost
        jitterMilliseconds = receiver.jitterMilliseconds
    }

    /// Takes the peer's view of our stream from a report block about our SSRC;
    /// `clockRate` is our sending clock (the jitter is in our timestamp units), and
    /// `arrival` the wall-clock time the report came in, for the RTT.
    public mutating func update(fromPeerReport block: RTCPReportBlock, clockRate: Int, arrival: NTPTimestamp) {
        peerPacketsLost = Int64(block.cumulativeLost)
        peerFractionLost = block.fractionLostRatio
        peerJitterMilliseconds = Double(block.jitter) * 1000 / Double(max(clockRate, 1))
        if let rtt = RoundTripTime.milliseconds(arrival: arrival, lastSR: block.lastSR,
                                                delaySinceLastSR: block.delaySinceLastSR) {
            roundTripMilliseconds = rtt
        }
    }
}
