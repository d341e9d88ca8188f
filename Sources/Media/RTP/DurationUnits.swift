/// Conversions between `Duration` and the integer clocks of RTP and NTP, without
/// floating point drift and without overflow for any duration a call can last.
enum DurationUnits {
    /// Whole ticks of a `rate`-per-second clock in `duration` (rounded towards zero;
    /// negative durations give negative ticks).
    static func ticks(in duration: Duration, rate: Int) -> Int64 {
        let (seconds, attoseconds) = duration.components
        // Nanoseconds keep the product small: 1e9 × a 192 kHz rate is far below Int64.max.
        let nanoseconds = attoseconds / 1_000_000_000
        let r = Int64(rate)
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: r)
        if overflow { return seconds < 0 ? Int64.min / 2 : Int64.max / 2 }
        return whole &+ nanoseconds * r / 1_000_000_000
    }

    /// The duration of `ticks` of a `rate`-per-second clock.
    static func duration(ofTicks ticks: Int64, rate: Int) -> Duration {
        guard rate > 0 else { return .zero }
        let r = Int64(rate)
        let seconds = ticks / r
        let remainder = ticks % r
        return .seconds(seconds) + .nanoseconds(remainder * 1_000_000_000 / r)
    }
}
