import Glibc

/// The wall clock, for RTCP's NTP timestamps (the only place media needs the date).
enum WallClock {
    static func ntpNow() -> NTPTimestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return NTPTimestamp(unixTime: .seconds(Int64(ts.tv_sec)) + .nanoseconds(Int64(ts.tv_nsec)))
    }
}
