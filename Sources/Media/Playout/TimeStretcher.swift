/// Pitch-synchronous time-scale modification, as NetEq's accelerate and preemptive
/// expand: find the pitch period P at the start of the audio; if two successive
/// periods are alike (normalised correlation ≥ `threshold`) or the audio is quiet,
/// replace those two periods by one cross-faded period (accelerate, P samples shorter)
/// or insert one cross-faded period after the first (expand, P samples longer). The
/// change is one pitch period, 2.5 to 15 ms, so it is inaudible in voiced speech and
/// in silence. Works in place; allocates nothing.
public struct TimeStretcher: Sendable {
    public let sampleRate: Int
    /// Shortest and longest period tried, in samples.
    public let minPitch: Int
    public let maxPitch: Int
    /// Correlation needed to change voiced audio.
    public var threshold: Double = 0.9
    /// Mean square below which audio counts as quiet (about −50 dBFS).
    public var quietEnergy: Double = 10_000

    public init(sampleRate: Int) {
        self.sampleRate = max(sampleRate, 8000)
        minPitch = self.sampleRate * 25 / 10_000
        maxPitch = self.sampleRate * 15 / 1000
    }

    /// Input that gives the search its full range: two of the longest periods.
    public var preferredInput: Int { 2 * maxPitch }

    /// Drops one pitch period from `pcm[0..<count]`, keeping at least `keep` samples.
    /// Returns the new count, or nil when the audio does not allow it.
    public func accelerate(_ pcm: UnsafeMutableBufferPointer<Int16>, count: Int, keep: Int = 0) -> Int? {
        let available = min(count, pcm.count)
        guard let p = period(pcm, count: available, longest: min(maxPitch, available / 2, available - keep)) else {
            return nil
        }
        for i in 0..<p {
            let w = Float(i) / Float(p)
            pcm[i] = Int16(clamping: Int(((1 - w) * Float(pcm[i]) + w * Float(pcm[p + i])).rounded()))
        }
        if let base = pcm.baseAddress, available > 2 * p {
            (base + p).update(from: base + 2 * p, count: available - 2 * p)
        }
        return available - p
    }

    /// Inserts one pitch period into `pcm[0..<count]`; `pcm` must have room for
    /// `count + maxPitch`. Returns the new count, or nil when the audio does not allow it.
    public func expand(_ pcm: UnsafeMutableBufferPointer<Int16>, count: Int) -> Int? {
        let available = min(count, pcm.count)
        guard let p = period(pcm, count: available, longest: min(maxPitch, available / 2, pcm.count - available)),
              let base = pcm.baseAddress else {
            return nil
        }
        // x[0..<p], then a period fading from x[p...] into x[0...], then x[p...].
        (base + 2 * p).update(from: base + p, count: available - p)
        for i in 0..<p {
            let w = Float(i) / Float(p)
            pcm[p + i] = Int16(clamping: Int(((1 - w) * Float(pcm[2 * p + i]) + w * Float(pcm[i])).rounded()))
        }
        return available + p
    }

    /// The period to use, or nil: the best-correlated lag, or the longest allowed
    /// when the audio is quiet.
    private func period(_ pcm: UnsafeMutableBufferPointer<Int16>, count: Int, longest: Int) -> Int? {
        guard longest >= minPitch else { return nil }
        let x = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(pcm)[0..<count])
        guard let found = PitchSearch.bestLag(in: x, reference: 0, window: longest, lags: minPitch...longest,
                                              forward: true, step: max(sampleRate / 4000, 1)) else {
            return nil
        }
        if found.energy < quietEnergy { return longest }
        return found.correlation >= threshold ? found.lag : nil
    }
}
