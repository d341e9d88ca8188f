/// When to give clean file pages back to the kernel (`ResidentTrimmer`): once the pages of
/// files the process has mapped in have grown by `threshold` over what the last trim left
/// — start-up, a call set up, a registration refreshed — and have stopped growing between
/// two readings.
///
/// Part of what a trim gives back is what the process keeps using (in a call, the media
/// path): it comes back within a second, and trimming it again would only repeat that.
/// Nothing tells the two apart, so trims that follow each other closely space themselves
/// out: each one within four intervals of the last doubles the interval (up to
/// `longestInterval`); a quiet spell resets it.
///
/// Readings come every `tick`: short while the pages move, doubling up to `longestTick`
/// while nothing happens, so that an idle phone hardly ever wakes for this.
///
/// Pure: fed one reading at a time, with the time. Times are milliseconds of a monotonic
/// clock, plain integers: this runs while pipit carries a call, and every stdlib routine
/// it touched (Duration's 128-bit arithmetic) would stay mapped for that.
struct ResidentTrimPolicy {
    /// Growth over what the last trim left (bytes) worth a trim.
    var threshold = 1 << 20
    /// Change between two readings (bytes) still counted as quiet.
    var tolerance = 64 << 10
    var shortestInterval = 5_000
    var longestInterval = 80_000
    var shortestTick = 2_000
    var longestTick = 64_000

    private var previous: Int?
    private var floor = 0
    private var lastTrim: Int?
    private(set) var interval = 5_000
    /// How long to wait for the next reading, ms.
    private(set) var tick = 2_000

    /// Whether to trim now, given the resident size of file pages (bytes) read at `now`.
    mutating func observe(residentFile current: Int, at now: Int) -> Bool {
        defer { previous = current }
        floor = min(floor, current)  // the kernel reclaimed some
        guard let previous, abs(current - previous) < tolerance else {
            tick = shortestTick
            return false
        }
        if current - floor >= threshold {
            guard let lastTrim, now - lastTrim < interval else { return true }
            tick = shortestTick  // a trim is due soon
        } else {
            tick = min(tick * 2, longestTick)
        }
        return false
    }

    /// After a trim at `now` left `current` bytes of file pages resident.
    mutating func trimmed(leaving current: Int, at now: Int) {
        if let lastTrim, now - lastTrim < interval * 4 {
            interval = min(interval * 2, longestInterval)
        } else {
            interval = shortestInterval
        }
        lastTrim = now
        floor = current
        previous = current
        tick = shortestTick
    }
}
