/// Finds the pitch period of a stretch of PCM: the lag at which the signal best matches
/// a shifted copy of itself (normalised cross-correlation). A coarse search on every
/// `step`-th lag and sample (about 4 kHz resolution, as NetEq decimates) is refined at
/// full rate around the best coarse lag, so 48 kHz costs little more than 8 kHz.
enum PitchSearch {
    struct Result: Equatable {
        var lag: Int
        var correlation: Double
        /// Mean square of the compared segments.
        var energy: Double
    }

    /// Compares `x[reference + i]` with `x[reference + i + lag]` (`forward`) or
    /// `x[reference + i - lag]`, for i in 0..<window and lag in `lags`. Lags whose
    /// segments leave `x` are skipped; nil when none fits.
    static func bestLag(
        in x: UnsafeBufferPointer<Int16>, reference: Int, window: Int, lags: ClosedRange<Int>,
        forward: Bool, step: Int
    ) -> Result? {
        guard window > 0, lags.lowerBound > 0 else { return nil }
        let coarse = max(step, 1)
        var best: Result?
        var lag = lags.lowerBound
        while lag <= lags.upperBound {
            if let r = correlate(x, reference: reference, window: window, lag: lag, forward: forward, step: coarse),
               r.correlation > (best?.correlation ?? -2) {
                best = r
            }
            lag += coarse
        }
        guard let rough = best, coarse > 1 else { return best }
        var refined: Result?
        for candidate in max(lags.lowerBound, rough.lag - coarse + 1)...min(lags.upperBound, rough.lag + coarse - 1) {
            if let r = correlate(x, reference: reference, window: window, lag: candidate, forward: forward, step: 1),
               r.correlation > (refined?.correlation ?? -2) {
                refined = r
            }
        }
        return refined ?? rough
    }

    static func correlate(
        _ x: UnsafeBufferPointer<Int16>, reference: Int, window: Int, lag: Int, forward: Bool, step: Int
    ) -> Result? {
        let other = forward ? reference + lag : reference - lag
        guard reference >= 0, other >= 0, reference + window <= x.count, other + window <= x.count else { return nil }
        var xy = 0.0, xx = 0.0, yy = 0.0
        var i = 0
        var n = 0
        while i < window {
            let a = Double(x[reference + i]), b = Double(x[other + i])
            xy += a * b
            xx += a * a
            yy += b * b
            i += step
            n += 1
        }
        let denominator = (xx * yy).squareRoot()
        let correlation = denominator > 0 ? xy / denominator : 0
        return Result(lag: lag, correlation: correlation, energy: (xx + yy) / Double(max(2 * n, 1)))
    }
}
