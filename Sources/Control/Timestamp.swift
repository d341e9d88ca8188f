import SIPMessage

/// RFC 3339 timestamps for JSON lines, computed without a calendar library.
enum Timestamp {
    /// `2026-11-22T06:30:00.123Z` for milliseconds since 1970-01-01T00:00:00Z.
    /// Clamped to 1970–9999, the years RFC 3339 can write and a clock can plausibly give.
    static func rfc3339(unixMilliseconds: Int64) -> String {
        let ms = min(max(unixMilliseconds, 0), 253_402_300_799_999)
        let msPerDay: Int64 = 86_400_000
        let days = ms / msPerDay
        let msOfDay = ms - days * msPerDay
        let (y, m, d) = SIPDate.civil(fromDays: days)
        let (year, month, day) = (Int64(y), Int64(m), Int64(d))
        let seconds = msOfDay / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2))"
            + ":\(pad(seconds % 60, 2)).\(pad(msOfDay % 1000, 3))Z"
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
