extension JitterBuffer {
    /// The next thing the playout should produce. `now` is in ms; `bufferedUnits` is the
    /// audio the playout still holds, in RTP units. With `allowConcealment` false it
    /// returns nil instead of concealment or silence (the playout asks that way when it
    /// only wants more audio for time stretching).
    public mutating func nextAction(now: Int, bufferedUnits: Int, allowConcealment: Bool = true) -> JitterAction? {
        let frame = configuration.units(ms: configuration.frameMs)
        updateRedundancyFloor(now: now)
        if phase == .playing { skipBacklog() }
        // Bounded: each pass removes a packet or returns.
        for _ in 0...configuration.capacity {
            guard let head = store.first else {
                if phase == .buffering || credit + frame > configuration.units(ms: configuration.maxConcealMs) {
                    phase = .buffering
                    return allowConcealment ? .silence(units: frame, noiseLevel: noiseLevel) : nil
                }
                guard allowConcealment else { return nil }
                credit += frame
                return .conceal(units: frame)
            }
            if head.payloadType == configuration.comfortNoisePayloadType {
                takeComfortNoise(head)
                continue
            }
            if phase == .buffering {
                guard isDue(head, now: now, bufferedUnits: bufferedUnits) else {
                    return allowConcealment ? .silence(units: frame, noiseLevel: noiseLevel) : nil
                }
                if let next = nextSequence, head.sequence > next { counters.packetsLost += Int(head.sequence - next) }
                phase = .playing
                nextSequence = head.sequence
                nextTimestamp = head.timestamp
                credit = 0
            }
            guard let next = nextSequence else { return nil }
            if head.sequence < next {
                // Behind the timeline (cannot be stored so, but never count it twice).
                store.remove(at: 0)
                continue
            }
            let gap = head.timestamp - nextTimestamp - Int64(credit)
            if head.sequence == next {
                if gap > 0 {
                    // Contiguous sequence, later timestamp: the sender paused (DTX).
                    // Start the new talk-spurt at the target delay.
                    phase = .buffering
                    credit = 0
                    continue
                }
                return .decode(take(head))
            }
            // Packets are missing before the head.
            if gap <= 0 || gap > Int64(configuration.units(ms: configuration.maxDelayMs + 1000)) {
                counters.packetsLost += Int(head.sequence - next)
                advance(past: head.sequence - 1, played: false)
                nextTimestamp = head.timestamp
                credit = 0
                if gap > 0 { phase = .buffering }
                continue
            }
            guard allowConcealment else { return nil }
            if head.sequence == next + 1, credit == 0, gap <= Int64(configuration.units(ms: 120)) {
                credit += Int(gap)
                return .recover(units: Int(gap), from: packet(head, slot: store.slot(at: 0) ?? 0))
            }
            let chunk = Int(min(gap, Int64(max(lastDuration, frame))))
            credit += chunk
            return .conceal(units: chunk)
        }
        return nil
    }

    /// Whether to accelerate or expand now, from the current delay against the target.
    /// Call once per tick before `nextAction`, with the audio the playout holds.
    public mutating func timeScaleAdvice(now: Int, bufferedUnits: Int) -> TimeScaleAdvice {
        updateRedundancyFloor(now: now)
        guard phase == .playing, nextSequence != nil, let delay = currentDelay(now: now, bufferedUnits: bufferedUnits) else {
            // In silence the next talk-spurt will start at the target.
            counters.currentDelayMs = targetDelayMs
            return .none
        }
        counters.currentDelayMs = Int(delay.rounded())
        guard credit == 0 else { return .none }
        let target = Double(targetDelayMs)
        if delay > target + Double(configuration.accelerateAboveMs) { return .accelerate }
        if delay < target - Double(configuration.expandBelowMs) { return .expand }
        return .none
    }

    /// How long after the fastest recent packet's arrival the next sample to play
    /// (`bufferedUnits` ahead) comes out, in ms.
    func currentDelay(now: Int, bufferedUnits: Int) -> Double? {
        guard let minimum = estimator.minimumTransitMs else { return nil }
        let next = configuration.ms(units: nextTimestamp)
        return Double(now) + configuration.ms(units: Int64(bufferedUnits)) - next - minimum
    }

    private func isDue(_ head: PacketInfo, now: Int, bufferedUnits: Int) -> Bool {
        guard let minimum = estimator.minimumTransitMs else { return true }
        let waited = Double(now) + configuration.ms(units: Int64(bufferedUnits)) - configuration.ms(units: head.timestamp) - minimum
        // Ticks come every frame: release a little early rather than a frame late
        // (no earlier than where preemptive expand would set in).
        let early = min(Double(configuration.frameMs) / 2, Double(configuration.expandBelowMs))
        let target = Double(targetDelayMs) - early
        return waited >= target || store.count * 2 > store.capacity
    }

    /// More audio waiting than the largest delay allowed — the receiver stalled (suspend,
    /// a stopped process, a long scheduling delay) and a burst came in at once, or the
    /// store overflowed and lost the packet due next — so the oldest waiting packets are
    /// dropped down to the target delay and play goes on from there. Without this the
    /// playout concealed a packet evicted from a full store for ever, and a stall's
    /// backlog stayed as added latency.
    private mutating func skipBacklog() {
        // The span of the audio held, not the distance from the timeline: after a DTX
        // silence the timeline is far behind the one packet of the new talk-spurt.
        guard let newest = store.last, let oldest = store.first, let next = nextSequence else { return }
        let limit = Int64(configuration.units(ms: configuration.maxDelayMs))
        guard newest.timestamp - oldest.timestamp > limit else { return }
        let keep = Int64(configuration.units(ms: targetDelayMs))
        while let head = store.first, store.count > 1, newest.timestamp - head.timestamp > keep {
            store.remove(at: 0)
            counters.packetsDiscarded += 1
            if head.sequence >= next { advance(past: head.sequence, played: false) }
        }
        if let head = store.first {
            nextSequence = head.sequence
            nextTimestamp = head.timestamp
        }
        credit = 0
        estimator.forgetStall()
    }

    private mutating func take(_ head: PacketInfo) -> JitterPacket {
        let slot = store.slot(at: 0) ?? 0
        let result = packet(head, slot: slot)
        store.remove(at: 0)
        advance(past: head.sequence, played: true)
        nextTimestamp = head.timestamp + Int64(result.units)
        lastDuration = result.units
        credit = 0
        noiseLevel = nil
        if head.redundant { counters.framesFromRedundancy += 1 }
        return result
    }

    private func packet(_ info: PacketInfo, slot: Int) -> JitterPacket {
        JitterPacket(slot: slot, sequence: info.sequence, timestamp: info.timestamp,
                     payloadType: info.payloadType, marker: info.marker, units: duration(of: info))
    }

    /// Told by the caller, else the timestamp step to the next packet, else the last one.
    private func duration(of info: PacketInfo) -> Int {
        if let told = info.duration { return told }
        if let slot = store.slot(at: 1) {
            let next = store.info(slot: slot)
            let step = next.timestamp - info.timestamp
            if next.sequence == info.sequence + 1, step > 0, step <= Int64(configuration.units(ms: 120)) {
                return Int(step)
            }
        }
        return lastDuration
    }

    private mutating func takeComfortNoise(_ head: PacketInfo) {
        if let next = nextSequence, head.sequence > next { counters.packetsLost += Int(head.sequence - next) }
        if let slot = store.slot(at: 0) {
            noiseLevel = store.withPayload(slot: slot) { $0.first.map { min($0, 127) } } ?? noiseLevel
            let count = store.withPayload(slot: slot) { payload -> Int in
                let count = min(payload.count, noisePayload.count)
                for i in 0..<count { noisePayload[i] = payload[i] }
                return count
            }
            if count > 0 {
                noisePayloadCount = count
                noiseGeneration &+= 1
            }
        }
        store.remove(at: 0)
        advance(past: head.sequence, played: true)
        nextTimestamp = head.timestamp
        credit = 0
        phase = .buffering
    }
}
