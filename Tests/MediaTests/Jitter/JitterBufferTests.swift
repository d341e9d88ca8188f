import Testing
@testable import Media

/// Drives a `JitterBuffer` directly: 20 ms packets at 8 kHz (160 units), frames of 20 ms.
@Suite(.timeLimit(.minutes(1)))
struct JitterBufferTests {
    var buffer = JitterBuffer(configuration: JitterBufferConfiguration(clockRate: 8000, minDelayMs: 20))
    let payload: [UInt8] = [1, 2, 3, 4]

    @discardableResult
    mutating func put(_ n: Int, arrival: Int, ssrc: UInt32 = 7, sequenceBase: UInt16 = 100, timestampBase: UInt32 = 5000,
                      timestampOffset: Int = 0, payloadType: UInt8 = 0, marker: Bool = false) -> JitterBuffer.InsertOutcome {
        let p = payload
        return p.withUnsafeBytes {
            buffer.insert(sequence: sequenceBase &+ UInt16(truncatingIfNeeded: n),
                          timestamp: timestampBase &+ UInt32(truncatingIfNeeded: n * 160 + timestampOffset),
                          marker: marker, ssrc: ssrc, payloadType: payloadType, payload: $0, arrival: arrival, units: 160)
        }
    }

    /// Actions until a decode, at `now`; returns decoded sequence (low 16 bits) or the
    /// first non-decode action.
    mutating func next(_ now: Int) -> JitterAction? {
        buffer.nextAction(now: now, bufferedUnits: 0)
    }

    func decoded(_ action: JitterAction?) -> Int64? {
        if case .decode(let p) = action { return p.sequence } else { return nil }
    }

    @Test mutating func inOrderPacketsAreDecodedInOrderAfterTheTargetDelay() {
        for n in 0..<3 { put(n, arrival: n * 20) }
        // Before the target delay (20 ms) has passed: silence, not loss.
        #expect(next(0) == .silence(units: 160, noiseLevel: nil))
        let first = decoded(next(20))
        #expect(first == 100)
        #expect(decoded(next(40)) == 101)
        #expect(decoded(next(60)) == 102)
        #expect(buffer.statistics.packetsLost == 0)
    }

    @Test mutating func reorderedPacketsComeOutInSequence() {
        put(0, arrival: 0)
        put(2, arrival: 5)
        put(1, arrival: 6)
        #expect(decoded(next(40)) == 100)
        #expect(decoded(next(60)) == 101)
        #expect(decoded(next(80)) == 102)
    }

    @Test mutating func duplicatesAreCountedOnceStoredOrPlayed() {
        put(0, arrival: 0)
        #expect(put(0, arrival: 1) == .duplicate)
        _ = next(40)
        #expect(put(0, arrival: 50) == .duplicate)
        #expect(buffer.statistics.packetsDuplicate == 2)
    }

    @Test mutating func aSingleLossIsRecoveredFromTheNextPacket() {
        put(0, arrival: 0)
        put(2, arrival: 40)
        #expect(decoded(next(40)) == 100)
        guard case .recover(let units, let from) = next(60) else {
            Issue.record("expected recover")
            return
        }
        #expect(units == 160)
        #expect(from.sequence == 102)
        #expect(decoded(next(80)) == 102)
        #expect(buffer.statistics.packetsLost == 1)
        // The lost packet turning up now is late.
        #expect(put(1, arrival: 85) == .late)
        #expect(buffer.statistics.packetsLate == 1)
    }

    @Test mutating func aBurstOfLossIsConcealedPacketByPacket() {
        put(0, arrival: 0)
        put(4, arrival: 80)
        #expect(decoded(next(80)) == 100)
        var concealed = 0
        var action = next(100)
        while case .conceal(let units) = action {
            concealed += units
            action = next(100)
        }
        #expect(concealed == 3 * 160)
        #expect(decoded(action) == 104)
        #expect(buffer.statistics.packetsLost == 3)
    }

    @Test mutating func anEmptyBufferConcealsThenWaitsThenPlaysTheLatePacket() {
        put(0, arrival: 0)
        #expect(decoded(next(20)) == 100)
        // Packet 1 is late: the timeline waits with concealment…
        #expect(next(40) == .conceal(units: 160))
        #expect(next(60) == .conceal(units: 160))
        put(1, arrival: 70)
        // …and plays it when it comes: no loss, the delay grew instead.
        #expect(decoded(next(80)) == 101)
        #expect(buffer.statistics.packetsLost == 0)
        #expect(buffer.statistics.packetsLate == 0)
    }

    @Test mutating func sequenceAndTimestampWrapAround() {
        for n in 0..<6 { put(n, arrival: n * 20, sequenceBase: 65533, timestampBase: UInt32.max - 400) }
        var sequences: [Int64] = []
        for n in 0..<6 { if let s = decoded(next(20 + n * 20)) { sequences.append(s) } }
        #expect(sequences.count == 6)
        #expect(sequences == sequences.sorted())
        #expect(sequences.last.map { $0 - sequences[0] } == 5)
        #expect(buffer.statistics.packetsLost == 0)
        #expect(buffer.statistics.streamResets == 0)
    }

    @Test mutating func aNewSSRCRestartsTheStream() {
        put(0, arrival: 0)
        #expect(decoded(next(20)) == 100)
        put(0, arrival: 25, ssrc: 8, sequenceBase: 9, timestampBase: 77)
        #expect(buffer.statistics.streamResets == 1)
        // Played after the target delay, from the new timeline; not counted as loss.
        #expect(next(30) == .silence(units: 160, noiseLevel: nil))
        #expect(decoded(next(45)) == 9)
        #expect(buffer.statistics.packetsLost == 0)
    }

    @Test mutating func aDTXGapIsSilenceNotLoss() {
        for n in 0..<2 { put(n, arrival: n * 20) }
        #expect(decoded(next(20)) == 100)
        #expect(decoded(next(40)) == 101)
        var actions: [JitterAction] = []
        for t in stride(from: 60, through: 400, by: 20) { if let a = next(t) { actions.append(a) } }
        // The sender resumes 1 s later (timestamps jumped, sequence did not), marked.
        put(2, arrival: 1000, timestampOffset: 8000 - 320, marker: true)
        #expect(next(1000) == .silence(units: 160, noiseLevel: nil))
        #expect(decoded(next(1020)) == 102)
        #expect(buffer.statistics.packetsLost == 0)
        // At most `maxConcealMs` of concealment before giving the gap up as silence.
        let concealed = actions.filter { if case .conceal = $0 { true } else { false } }.count
        #expect(concealed <= 5)
        #expect(actions.last == .silence(units: 160, noiseLevel: nil))
    }

    @Test mutating func comfortNoiseSetsTheSilenceLevel() {
        put(0, arrival: 0)
        let cn: [UInt8] = [40]
        _ = cn.withUnsafeBytes {
            buffer.insert(sequence: 101, timestamp: 5160, marker: false, ssrc: 7, payloadType: 13, payload: $0, arrival: 20)
        }
        #expect(decoded(next(20)) == 100)
        #expect(next(40) == .silence(units: 160, noiseLevel: 40))
        #expect(buffer.statistics.packetsLost == 0)
    }

    @Test mutating func aFullBufferDropsTheOldest() {
        var small = JitterBuffer(configuration: JitterBufferConfiguration(clockRate: 8000, capacity: 4))
        let p = payload
        for n in 0..<6 {
            _ = p.withUnsafeBytes {
                small.insert(sequence: UInt16(n), timestamp: UInt32(n * 160), marker: false, ssrc: 1, payloadType: 0,
                             payload: $0, arrival: 0)
            }
        }
        #expect(small.statistics.packetsDiscarded == 2)
        let big = [UInt8](repeating: 0, count: 2000)
        let outcome = big.withUnsafeBytes {
            small.insert(sequence: 6, timestamp: 960, marker: false, ssrc: 1, payloadType: 0, payload: $0, arrival: 0)
        }
        #expect(outcome == .discarded)
    }

    @Test mutating func durationIsInferredFromTimestampsWhenNotTold() {
        let p = payload
        for n in 0..<3 {
            _ = p.withUnsafeBytes {
                buffer.insert(sequence: UInt16(n), timestamp: UInt32(n * 240), marker: false, ssrc: 1, payloadType: 0,
                              payload: $0, arrival: n * 30)
            }
        }
        guard case .decode(let first) = next(60) else {
            Issue.record("expected decode")
            return
        }
        #expect(first.units == 240)
    }

    @Test mutating func aDelayAboveTheTargetAsksForAccelerate() {
        for n in 0..<10 { put(n, arrival: n * 20) }
        // The playout starts 200 ms after the first packet came: far above the 20 ms target.
        #expect(decoded(next(200)) == 100)
        #expect(buffer.timeScaleAdvice(now: 220, bufferedUnits: 0) == .accelerate)
        #expect(buffer.statistics.currentDelayMs == 200)
    }

    @Test mutating func aTargetRisingAboveTheDelayAsksForExpand() {
        for n in 0..<4 { put(n, arrival: n * 20) }
        #expect(decoded(next(20)) == 100)
        #expect(buffer.timeScaleAdvice(now: 40, bufferedUnits: 0) == .none)
        // An old packet 60 ms late: new jitter, so the target rises at once (it is late).
        #expect(put(-1, arrival: 40) == .late)
        #expect(buffer.targetDelayMs > 60)
        #expect(buffer.timeScaleAdvice(now: 40, bufferedUnits: 0) == .expand)
    }

    @Test func hostileInputNeverTrapsAndActionsStayBounded() {
        var buffer = JitterBuffer(configuration: JitterBufferConfiguration(clockRate: 48000, capacity: 16, maxPayloadBytes: 64))
        var random = SeededRandom(seed: 7)
        var bytes = [UInt8](repeating: 0, count: 100)
        for step in 0..<10_000 {
            let r = random.next()
            let length = Int(r % 100)
            bytes[0] = UInt8(truncatingIfNeeded: r >> 8)
            let units: Int? = r & 1 == 0 ? Int(truncatingIfNeeded: Int64(bitPattern: random.next())) : nil
            _ = bytes.withUnsafeBytes {
                buffer.insert(sequence: UInt16(truncatingIfNeeded: r >> 16), timestamp: UInt32(truncatingIfNeeded: r >> 32),
                              marker: r & 2 == 0, ssrc: UInt32(truncatingIfNeeded: r >> 60),
                              payloadType: UInt8(truncatingIfNeeded: r >> 40) & 0x7f,
                              payload: UnsafeRawBufferPointer(rebasing: $0[0..<length]), arrival: step, units: units)
            }
            if step % 3 == 0 {
                _ = buffer.timeScaleAdvice(now: step, bufferedUnits: 0)
                if case .decode(let p) = buffer.nextAction(now: step, bufferedUnits: 0) {
                    #expect(buffer.withPayload(of: p) { $0.count } <= 64)
                }
            }
        }
        #expect(buffer.statistics.packetsReceived == 10_000)
    }
}
