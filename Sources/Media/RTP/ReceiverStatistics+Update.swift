extension ReceiverStatistics {
    /// Counts one received packet (A.1 `update_seq` plus duplicate detection and A.8
    /// jitter). `arrival` is the local receive time.
    @discardableResult
    public mutating func received(_ packet: RTPPacket, arrival: ContinuousClock.Instant) -> Verdict {
        received(ssrc: packet.header.ssrc, sequence: packet.header.sequenceNumber,
                 timestamp: packet.header.timestamp, payloadBytes: packet.payloadCount, arrival: arrival)
    }

    @discardableResult
    public mutating func received(ssrc: UInt32, sequence: UInt16, timestamp: UInt32, payloadBytes: Int,
                                  arrival: ContinuousClock.Instant) -> Verdict {
        let verdict: Verdict
        if self.ssrc == ssrc {
            candidate = nil
            verdict = updateSequence(sequence)
        } else if self.ssrc == nil {
            startSource(ssrc, sequence: sequence)
            verdict = updateSequence(sequence)
        } else {
            guard switchesSource(to: ssrc, sequence: sequence) else { return .probation }
            verdict = updateSequence(sequence) == .accepted ? .newSource : .probation
        }
        switch verdict {
        case .accepted, .reordered, .restarted, .newSource:
            packetsReceived += 1
            octetsReceived += Int64(payloadBytes)
            updateJitter(timestamp: timestamp, arrival: arrival)
        case .duplicate:
            duplicates += 1
        case .probation, .badSequence:
            break
        }
        return verdict
    }

    /// A packet from another SSRC. The current source is dropped only once the new one
    /// has sent MIN_SEQUENTIAL packets in sequence, so that late packets of an old
    /// stream (or a stray one) interleaved with the current stream do not reset it.
    private mutating func switchesSource(to newSSRC: UInt32, sequence: UInt16) -> Bool {
        if let candidate, candidate.ssrc == newSSRC, sequence == candidate.sequence &+ 1 {
            self.candidate = (newSSRC, sequence, candidate.count + 1)
        } else {
            self.candidate = (newSSRC, sequence, 1)
        }
        guard let candidate, candidate.count >= Self.minSequential else { return false }
        startSource(newSSRC, sequence: sequence)
        // Probation was served as a candidate: this packet completes it.
        probation = 1
        maxSequence = sequence &- 1
        return true
    }

    private mutating func startSource(_ ssrc: UInt32, sequence: UInt16) {
        let rate = clockRate
        self = ReceiverStatistics(clockRate: rate)
        self.ssrc = ssrc
        initSequence(sequence)
        maxSequence = sequence &- 1
        probation = Self.minSequential
    }

    /// A.1 `init_seq`.
    private mutating func initSequence(_ sequence: UInt16) {
        baseSequence = UInt32(sequence)
        maxSequence = sequence
        badSequence = Self.sequenceModulo + 1
        cycles = 0
        packetsReceived = 0
        octetsReceived = 0
        expectedPrior = 0
        receivedPrior = 0
        seenWindow = 1
        lastTransit = nil
    }

    private mutating func updateSequence(_ sequence: UInt16) -> Verdict {
        let delta = sequence &- maxSequence
        if probation > 0 {
            // Packets must come in order while on probation.
            guard sequence == maxSequence &+ 1 else {
                probation = Self.minSequential - 1
                maxSequence = sequence
                return .probation
            }
            probation -= 1
            maxSequence = sequence
            if probation == 0 {
                initSequence(sequence)
                return .accepted
            }
            return .probation
        }
        if delta == 0 { return .duplicate }
        if delta < Self.maxDropout {
            // In order, with a permissible gap.
            if sequence < maxSequence { cycles &+= Self.sequenceModulo }
            maxSequence = sequence
            seenWindow = delta >= 64 ? 1 : (seenWindow << UInt64(delta)) | 1
            return .accepted
        }
        if UInt32(delta) <= Self.sequenceModulo - UInt32(Self.maxMisorder) {
            // A very large jump. Two sequential packets mean the sender restarted.
            if UInt32(sequence) == badSequence {
                initSequence(sequence)
                return .restarted
            }
            badSequence = (UInt32(sequence) + 1) & (Self.sequenceModulo - 1)
            return .badSequence
        }
        // Behind the highest: a duplicate or a reordered packet.
        let behind = maxSequence &- sequence
        if behind < 64 {
            let bit = UInt64(1) << UInt64(behind)
            if seenWindow & bit != 0 { return .duplicate }
            seenWindow |= bit
        }
        reorderedPackets += 1
        return .reordered
    }

    /// A.8: J += (|D| − J) / 16 with D the change in transit time, in timestamp units.
    private mutating func updateJitter(timestamp: UInt32, arrival: ContinuousClock.Instant) {
        let origin = arrivalOrigin ?? arrival
        arrivalOrigin = origin
        let arrivalUnits = DurationUnits.ticks(in: arrival - origin, rate: clockRate)
        // Transit modulo 2^32 as the timestamps wrap; differences are read as signed.
        let transit = Int64(Int32(truncatingIfNeeded: arrivalUnits &- Int64(timestamp)))
        defer { lastTransit = transit }
        guard let last = lastTransit else { return }
        let d = Int64(Int32(truncatingIfNeeded: transit &- last)).magnitude
        jitter += (Double(d) - jitter) / 16
    }
}
