import Testing
import Media

/// RFC 2198 copies through the playout on a virtual clock: the media benchmark's bursty
/// loss (Gilbert, mean burst 2 packets) with and without the copies a red sender adds,
/// and the delay on a clean path.
@Suite(.timeLimit(.minutes(1)))
struct RedundancyTraceTests {
    struct Result {
        var statistics: JitterBufferStatistics
        var delays: [Int]
        var meanDelay: Double { delays.isEmpty ? 0 : Double(delays.reduce(0, +)) / Double(delays.count) }
        func meanDelay(from start: Double, to end: Double) -> Double {
            let a = Int(Double(delays.count) * start), b = max(Int(Double(delays.count) * end), a + 1)
            let slice = delays[a..<min(b, delays.count)]
            return slice.isEmpty ? 0 : Double(slice.reduce(0, +)) / Double(slice.count)
        }
    }

    /// 20 ms packets at 8 kHz, `seconds` long, each arriving `base` ms plus up to
    /// `jitterMs` after it was sent unless the Gilbert channel loses it; every packet that
    /// arrives carries copies of the `level` before it (until `copiesUntil` seconds), and
    /// the playout renders 10 ms frames.
    static func run(seconds: Double = 30, loss: Double, level: Int, jitterMs: Double = 0, copiesUntil: Double = .infinity,
                    seed: UInt64) -> Result {
        let rate = 8000, packetUnits = 160
        var random = SeededRandom(seed: seed)
        // Mean burst 2 (r = 0.5); p sets the average loss: p / (p + r).
        let r = 0.5, p = loss * r / max(1 - loss, 0.01)
        var bad = false
        var arrivals: [(arrival: Int, k: Int)] = []
        let count = Int(seconds * 50)
        for k in 0..<count {
            bad = bad ? random.unit() >= r : random.unit() < p
            if bad { continue }
            arrivals.append((Int((Double(k * 20) + 1 + random.unit() * jitterMs).rounded()), k))
        }
        arrivals.sort { ($0.arrival, $0.k) < ($1.arrival, $1.k) }
        let decoder = ToneDecoder(sampleRate: rate)
        let playout = Playout(decoder: decoder, payloadType: 0,
                              configuration: JitterBufferConfiguration(clockRate: rate, frameMs: 10))
        var frame = [Int16](repeating: 0, count: playout.frameSamples)
        var delays: [Int] = []
        var next = 0
        var now = 7
        let ssrc: UInt32 = 0x5151_5151
        while now < Int(seconds * 1000) {
            while next < arrivals.count, arrivals[next].arrival <= now {
                let (arrival, k) = arrivals[next]
                let sequence = UInt16(truncatingIfNeeded: 1000 + k), timestamp = UInt32(5000 + k * packetUnits)
                ToneDecoder.payload(timestamp: timestamp, samples: packetUnits).withUnsafeBytes {
                    _ = playout.insert(sequence: sequence, timestamp: timestamp, marker: k == 0, ssrc: ssrc, payloadType: 0,
                                       payload: $0, arrival: arrival)
                }
                let copies = Double(k) * 0.02 < copiesUntil ? min(level, k) : 0
                for back in stride(from: copies, through: 1, by: -1) {
                    let t = timestamp &- UInt32(back * packetUnits)
                    ToneDecoder.payload(timestamp: t, samples: packetUnits).withUnsafeBytes {
                        _ = playout.insert(sequence: sequence &- UInt16(back), timestamp: t, marker: false, ssrc: ssrc,
                                           payloadType: 0, payload: $0, arrival: arrival, redundancyOffset: back * packetUnits)
                    }
                }
                next += 1
            }
            frame.withUnsafeMutableBufferPointer { _ = playout.render(into: $0, now: now) }
            if playout.statistics.packetsReceived > 0 { delays.append(playout.statistics.currentDelayMs) }
            now += 10
        }
        return Result(statistics: playout.statistics, delays: delays)
    }

    /// 10 % bursty loss: two copies rebuild every loss of one or two packets in a row (a
    /// quarter of the bursts are longer: their first packets stay lost), and what is
    /// concealed falls to a fraction of what it was.
    @Test(arguments: [3, 11] as [UInt64], [0.0, 40.0])
    func copiesFillMostHoles(seed: UInt64, jitterMs: Double) {
        let plain = Self.run(loss: 0.10, level: 0, jitterMs: jitterMs, seed: seed).statistics
        let red = Self.run(loss: 0.10, level: 2, jitterMs: jitterMs, seed: seed).statistics
        let lost = plain.packetsLost
        #expect(lost > 100, "the trace loses about 150 packets: \(lost)")
        #expect(red.framesFromRedundancy >= lost * 70 / 100, "filled \(red.framesFromRedundancy) of \(lost)")
        #expect(red.packetsLost <= lost * 30 / 100, "still lost \(red.packetsLost)")
        #expect(red.framesConcealed * 5 <= plain.framesConcealed * 2,
                "concealed \(red.framesConcealed) with copies, \(plain.framesConcealed) without")
        #expect(red.packetsReceived == plain.packetsReceived, "copies are not counted as packets")
        #expect(red.packetsLate == 0, "copies come in time: \(red.packetsLate) late")
    }

    /// One copy covers single losses only; two also cover the bursts of two.
    @Test func twoCopiesBeatOne() {
        let one = Self.run(loss: 0.10, level: 1, seed: 5).statistics
        let two = Self.run(loss: 0.10, level: 2, seed: 5).statistics
        #expect(one.framesFromRedundancy > 0)
        #expect(two.framesFromRedundancy > one.framesFromRedundancy)
        #expect(two.framesConcealed < one.framesConcealed)
    }

    /// A clean path: no copies are sent, and the delay is what it was; copies that stop
    /// take their extra delay with them after `redundancyHoldMs`.
    @Test func cleanPathDelayUnchanged() {
        let plain = Self.run(loss: 0, level: 0, seed: 9)
        #expect(plain.statistics.framesFromRedundancy == 0)
        let before = plain.meanDelay(from: 0.5, to: 1)
        #expect(before < 35, "clean delay \(before)")
        let stopped = Self.run(loss: 0, level: 2, copiesUntil: 10, seed: 9)
        let during = stopped.meanDelay(from: 0.1, to: 0.3)
        let after = stopped.meanDelay(from: 0.8, to: 1)
        #expect(during >= 40, "with copies the buffer waits for them: \(during)")
        // Back under the accelerate threshold (15 ms above the target).
        #expect(after < during && after <= before + 16, "after the copies stop: \(after), clean \(before)")
    }

    /// A copy never replaces the packet itself, and one for audio already played is
    /// dropped without counting.
    @Test func copiesOnlyFillHoles() {
        let decoder = ToneDecoder(sampleRate: 8000)
        let playout = Playout(decoder: decoder, payloadType: 0, configuration: JitterBufferConfiguration(clockRate: 8000))
        let primary = ToneDecoder.payload(timestamp: 160, samples: 160)
        let outcome = primary.withUnsafeBytes {
            playout.insert(sequence: 2, timestamp: 160, marker: false, ssrc: 1, payloadType: 0, payload: $0, arrival: 0)
        }
        #expect(outcome == .stored)
        let copy = primary.withUnsafeBytes {
            playout.insert(sequence: 2, timestamp: 160, marker: false, ssrc: 1, payloadType: 0, payload: $0, arrival: 20,
                           redundancyOffset: 160)
        }
        #expect(copy == .duplicate)
        #expect(playout.statistics.packetsDuplicate == 0 && playout.statistics.packetsReceived == 1)
        // A copy under another SSRC is nobody's.
        let stranger = primary.withUnsafeBytes {
            playout.insert(sequence: 1, timestamp: 0, marker: false, ssrc: 9, payloadType: 0, payload: $0, arrival: 20,
                           redundancyOffset: 160)
        }
        #expect(stranger == .discarded)
        #expect(playout.statistics.streamResets == 0)
    }
}

/// A copy that came first (its packet was reordered behind a later one) is not counted as
/// rebuilt once the packet itself arrives.
@Suite(.timeLimit(.minutes(1)))
struct RedundancyReorderTests {
    @Test func aPacketArrivingAfterItsCopyConfirmsIt() {
        let playout = Playout(decoder: ToneDecoder(sampleRate: 8000), payloadType: 0,
                              configuration: JitterBufferConfiguration(clockRate: 8000, frameMs: 10))
        func insert(_ k: Int, copyOf back: Int = 0, at arrival: Int) -> JitterBuffer.InsertOutcome {
            let t = UInt32(k * 160)
            return ToneDecoder.payload(timestamp: t, samples: 160).withUnsafeBytes {
                playout.insert(sequence: UInt16(k), timestamp: t, marker: false, ssrc: 7, payloadType: 0, payload: $0,
                               arrival: arrival, redundancyOffset: back * 160)
            }
        }
        #expect(insert(0, at: 0) == .stored)
        #expect(insert(1, copyOf: 1, at: 40) == .stored)   // packet 2 came first, with a copy of 1
        #expect(insert(2, at: 40) == .stored)
        #expect(insert(1, at: 45) == .stored)              // then 1 itself
        #expect(insert(3, at: 60) == .stored)
        #expect(insert(2, copyOf: 1, at: 60) == .duplicate)
        var frame = [Int16](repeating: 0, count: playout.frameSamples)
        for tick in 0..<30 { frame.withUnsafeMutableBufferPointer { _ = playout.render(into: $0, now: 60 + tick * 10) } }
        let s = playout.statistics
        #expect(s.packetsReceived == 4 && s.packetsDuplicate == 0 && s.packetsLost == 0)
        #expect(s.framesFromRedundancy == 0, "\(s)")
        #expect(s.copiesReceived == 2)
    }
}
