import Glibc

/// Nanoseconds on CLOCK_MONOTONIC: the media thread's time base. Only the thread loop
/// reads it; everything below takes `now` as a parameter.
public enum MonotonicClock {
    public static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
