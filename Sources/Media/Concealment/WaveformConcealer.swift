/// Packet loss concealment on the decoded waveform, for codecs without their own
/// (G.711, G.722), after ITU-T G.711 Appendix I: on a loss the pitch period is found
/// in the recent output and the last period is repeated; after 10 ms two, then three
/// periods are cycled so that the repetition does not buzz; from 10 ms on the output
/// fades linearly to silence at 60 ms; the first good frame is cross-faded with the
/// continued synthetic signal. Unlike Appendix I there is no 3.75 ms output delay for
/// an overlap-add at the start of a loss; a linear seam correction joins the repeated
/// period to the real signal instead. Storage is allocated at init.
///
/// Use: `merge(into:)` every decoded frame (it only records when nothing was lost),
/// `conceal(into:)` for each missing stretch.
public struct WaveformConcealer {
    public let sampleRate: Int
    private let minPitch: Int
    private let maxPitch: Int
    private let window: Int
    /// The most recent output, oldest first.
    private var history: [Int16]
    /// Snapshot of the last three periods when the loss began.
    private var periods: [Int16]
    private var pitch = 0
    /// How far the repeated period's first sample is from where the signal before it
    /// was heading: the step a plain repetition would make.
    private var seam: Float = 0
    private var cycle = 1
    /// Periods that may be cycled in this loss: no more than the real audio since the
    /// last loss holds (older history is synthetic, or faded to silence).
    private var maxCycle = 3
    /// Real (decoded) samples recorded since the last loss.
    private var realSamples = Int.max / 2
    private var position = 0
    /// Samples concealed in the current loss; nil when not concealing.
    private var lost: Int?

    public init(sampleRate: Int) {
        self.sampleRate = max(sampleRate, 8000)
        minPitch = self.sampleRate * 5 / 1000
        maxPitch = self.sampleRate * 15 / 1000
        window = self.sampleRate * 20 / 1000
        history = [Int16](repeating: 0, count: 3 * maxPitch + window)
        periods = [Int16](repeating: 0, count: 3 * maxPitch)
    }

    /// Whether the last output was concealment (the next good frame should be merged).
    public var isConcealing: Bool { lost != nil }

    /// Records good output (decoded audio) for later concealment.
    public mutating func observe(_ pcm: UnsafeBufferPointer<Int16>) {
        realSamples = min(realSamples + pcm.count, Int.max / 2)
        record(pcm)
    }

    private mutating func record(_ pcm: UnsafeBufferPointer<Int16>) {
        let n = min(pcm.count, history.count)
        guard n > 0 else { return }
        let keep = history.count - n
        history.withUnsafeMutableBufferPointer { h in
            guard let base = h.baseAddress else { return }
            if keep > 0 { base.update(from: base + n, count: keep) }
            for i in 0..<n { h[keep + i] = pcm[pcm.count - n + i] }
        }
    }

    /// Fills `out` with the continuation of the waveform.
    public mutating func conceal(into out: UnsafeMutableBufferPointer<Int16>) {
        if lost == nil { begin() }
        for i in out.indices { out[i] = next() }
        record(UnsafeBufferPointer(out))
    }

    /// Cross-fades the continued synthetic signal into `good`, the first good audio after
    /// a loss, then records it. Without a loss in progress it only records.
    public mutating func merge(into good: UnsafeMutableBufferPointer<Int16>) {
        if let lostSoFar = lost {
            let ms = sampleRate / 1000
            // Longer losses get a longer cross-fade (4 ms, up to 10 ms), as Appendix I.
            let length = min(good.count, min(4 * ms + max(lostSoFar - 1, 0) / (10 * ms) * 4 * ms, 10 * ms))
            for i in 0..<length {
                let w = Float(i + 1) / Float(length + 1)
                let synthetic = Float(next())
                good[i] = Int16(clamping: Int(((1 - w) * synthetic + w * Float(good[i])).rounded()))
            }
            lost = nil
            // The cross-faded part is not real audio to repeat later.
            record(UnsafeBufferPointer(good))
            realSamples = good.count - length
            return
        }
        observe(UnsafeBufferPointer(good))
    }

    /// Forgets the waveform (new stream).
    public mutating func reset() {
        for i in history.indices { history[i] = 0 }
        realSamples = Int.max / 2
        lost = nil
    }

    private mutating func begin() {
        let found = history.withUnsafeBufferPointer { h in
            PitchSearch.bestLag(in: h, reference: h.count - window, window: window, lags: minPitch...maxPitch,
                                forward: false, step: max(sampleRate / 4000, 1))
        }
        pitch = min(max(found?.lag ?? maxPitch, minPitch), maxPitch)
        let start = history.count - periods.count
        for i in periods.indices { periods[i] = history[start + i] }
        let n = periods.count
        let heading = 2 * Float(periods[n - 1]) - Float(periods[n - 2])
        seam = n >= pitch ? Float(periods[n - pitch]) - heading : 0
        cycle = 1
        maxCycle = min(max(realSamples / pitch, 1), 3)
        realSamples = 0
        position = 0
        lost = 0
    }

    /// One synthetic sample: the current cycle of periods, faded after 10 ms.
    private mutating func next() -> Int16 {
        let lostSoFar = lost ?? 0
        let tenMs = sampleRate / 100
        // Every 10 ms, cycle one more period (up to three), keeping the phase.
        let wantedCycle = min(1 + lostSoFar / tenMs, maxCycle)
        var value = sample(cycle: cycle, at: position)
        if wantedCycle != cycle {
            let fadeLength = max(pitch / 4, 1)
            let newPosition = position % pitch
            let step = lostSoFar % tenMs
            if step < fadeLength {
                let w = Float(step + 1) / Float(fadeLength + 1)
                value = (1 - w) * value + w * sample(cycle: wantedCycle, at: newPosition)
            }
            if step + 1 >= fadeLength {
                cycle = wantedCycle
                position = newPosition
            }
        }
        position = (position + 1) % (cycle * pitch)
        lost = lostSoFar + 1
        let fadeStart = tenMs
        let fadeEnd = 6 * tenMs
        let gain = lostSoFar <= fadeStart ? 1 : max(0, Float(fadeEnd - lostSoFar) / Float(fadeEnd - fadeStart))
        return Int16(clamping: Int((value * gain).rounded()))
    }

    /// Sample `offset` of the cycle made of the last `count` periods. Repeating one
    /// period steps where it starts and wraps unless the period is exact and the level
    /// steady: a linear correction across it, removing that step at its start and
    /// nothing at its end, joins the real signal and each wrap without a click. (Longer
    /// cycles are entered by cross-fading instead.)
    private func sample(cycle count: Int, at offset: Int) -> Float {
        let length = count * pitch
        let o = offset % length
        let index = periods.count - length + o
        guard index >= 0, index < periods.count else { return 0 }
        guard count == 1 else { return Float(periods[index]) }
        return Float(periods[index]) - seam * (1 - Float(o) / Float(max(length - 1, 1)))
    }
}
