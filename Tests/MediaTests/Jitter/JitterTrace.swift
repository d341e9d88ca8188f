import Foundation


/// One packet of a trace: when it arrives and what it says.
struct TracePacket: Equatable {
    var arrival: Int
    var sequence: UInt16
    var timestamp: UInt32
    var ssrc: UInt32
    var marker: Bool
    var samples: Int
}

/// Network and sender behaviour for a trace.
struct TraceSpec {
    enum Jitter { case none, uniform(maxMs: Double), pareto(scaleMs: Double, shape: Double, capMs: Double) }
    var seconds = 60.0
    var packetMs = 20
    var clockRate = 8000
    var baseDelayMs = 30.0
    var jitter = Jitter.none
    /// Gilbert–Elliott: P(good→bad), P(bad→good), loss probability in bad.
    var gilbert: (p: Double, r: Double, loss: Double)? = nil
    var duplicateProbability = 0.0
    /// Probability that a packet is held back behind the next one.
    var reorderProbability = 0.0
    /// Sender clock fast by this fraction (0.001: 0.1 %), negative when slow.
    var drift = 0.0
    /// Talk-spurt and silence lengths for DTX (no packets in silence, marker on resume).
    var dtx: (talkMs: Int, silenceMs: Int)? = nil
    var ssrcChangeAtSeconds: Double? = nil
    var firstSequence: UInt16 = 1000
    var firstTimestamp: UInt32 = 123_456
    var seed: UInt64 = 42
}

/// A generated trace and what the network did to it.
struct JitterTrace {
    var packets: [TracePacket]
    var dropped = 0
    var duplicated = 0

    init(_ spec: TraceSpec) {
        var random = SeededRandom(seed: spec.seed)
        var sent: [TracePacket] = []
        let samples = spec.clockRate * spec.packetMs / 1000
        let count = Int(spec.seconds * 1000) / spec.packetMs
        var sequence = spec.firstSequence
        var timestamp = spec.firstTimestamp
        var ssrc: UInt32 = 0x1111_1111
        var bad = false
        var resumed = true
        for k in 0..<count {
            let sendTime = Double(k * spec.packetMs) * (1 - spec.drift)
            if let change = spec.ssrcChangeAtSeconds, ssrc == 0x1111_1111, sendTime >= change * 1000 {
                ssrc = 0x2222_2222
                sequence = 40000
                timestamp = 9_999_999
            }
            defer { timestamp &+= UInt32(samples) }
            if let dtx = spec.dtx, (k * spec.packetMs) % (dtx.talkMs + dtx.silenceMs) >= dtx.talkMs {
                resumed = true
                continue
            }
            let marker = resumed
            resumed = false
            let packet = TracePacket(arrival: 0, sequence: sequence, timestamp: timestamp, ssrc: ssrc, marker: marker, samples: samples)
            sequence &+= 1
            if let g = spec.gilbert {
                bad = bad ? random.unit() >= g.r : random.unit() < g.p
                if bad, random.unit() < g.loss {
                    dropped += 1
                    continue
                }
            }
            var delay = spec.baseDelayMs
            switch spec.jitter {
            case .none: break
            case .uniform(let maxMs): delay += random.unit() * maxMs
            case .pareto(let scale, let shape, let cap):
                delay += min(scale * (pow(1 - random.unit(), -1 / shape) - 1), cap)
            }
            if random.unit() < spec.reorderProbability { delay += Double(spec.packetMs) * 1.5 }
            var arriving = packet
            arriving.arrival = Int((sendTime + delay).rounded())
            sent.append(arriving)
            if random.unit() < spec.duplicateProbability {
                var copy = arriving
                copy.arrival += 1 + Int(random.unit() * 30)
                sent.append(copy)
                duplicated += 1
            }
        }
        packets = sent.enumerated().sorted { ($0.element.arrival, $0.offset) < ($1.element.arrival, $1.offset) }.map(\.element)
    }
}
