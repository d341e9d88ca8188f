import Media

/// Plays a trace through a `Playout` on a virtual clock: every tick, the packets that
/// have arrived are inserted, then one frame is rendered.
struct TraceRun {
    var statistics = JitterBufferStatistics()
    /// Current delay sampled every tick while playing (ms).
    var delays: [Int] = []
    var output: [Int16] = []

    /// `lateTicks`: every tick runs late by up to that many ms (uniform, seeded), as a
    /// busy receiver's media thread does; the tick after it is not moved.
    init(_ trace: JitterTrace, spec: TraceSpec, frameMs: Int = 20, keepOutput: Bool = false,
         configuration: JitterBufferConfiguration? = nil, lateTicks: Double = 0) {
        var random = SeededRandom(seed: spec.seed &+ 1)
        let decoder = ToneDecoder(sampleRate: spec.clockRate)
        var settings = configuration ?? JitterBufferConfiguration(clockRate: spec.clockRate)
        settings.frameMs = frameMs
        let playout = Playout(decoder: decoder, payloadType: 96, configuration: settings)
        var frame = [Int16](repeating: 0, count: playout.frameSamples)
        var next = 0
        let end = Int(spec.seconds * 1000)
        var now = 7  // the receiver's ticks are not aligned with the sender's packets
        if keepOutput { output.reserveCapacity(end * spec.clockRate / 1000) }
        while now < end {
            let tickTime = now + Int((random.unit() * lateTicks).rounded())
            while next < trace.packets.count, trace.packets[next].arrival <= tickTime {
                let p = trace.packets[next]
                let payload = ToneDecoder.payload(timestamp: p.timestamp, samples: p.samples)
                payload.withUnsafeBytes {
                    _ = playout.insert(sequence: p.sequence, timestamp: p.timestamp, marker: p.marker, ssrc: p.ssrc,
                                       payloadType: 96, payload: $0, arrival: p.arrival)
                }
                next += 1
            }
            frame.withUnsafeMutableBufferPointer { _ = playout.render(into: $0, now: tickTime) }
            if keepOutput { output.append(contentsOf: frame) }
            let s = playout.statistics
            if s.packetsReceived > 0 { delays.append(s.currentDelayMs) }
            now += frameMs
        }
        statistics = playout.statistics
    }

    var meanDelay: Double { delays.isEmpty ? 0 : Double(delays.reduce(0, +)) / Double(delays.count) }

    /// Mean delay over ticks `range` (by fraction of the run).
    func meanDelay(from start: Double, to end: Double) -> Double {
        let a = Int(Double(delays.count) * start), b = max(Int(Double(delays.count) * end), a + 1)
        let slice = delays[a..<min(b, delays.count)]
        return slice.isEmpty ? 0 : Double(slice.reduce(0, +)) / Double(slice.count)
    }
}
