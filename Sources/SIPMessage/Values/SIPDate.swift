/// The Date header (RFC 3261 §20.17): an RFC 1123 date, always GMT.
///
/// The weekday is checked to be a weekday name but not against the date (senders get it
/// wrong and nothing depends on it); `description` writes the correct one.
public struct SIPDate: SIPValueParsable, Hashable {
    public var year: Int
    /// 1…12
    public var month: Int
    /// 1…31 (checked against the month)
    public var day: Int
    public var hour: Int
    public var minute: Int
    /// 0…60 (60 for a leap second)
    public var second: Int

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The date of a POSIX time (seconds since 1970-01-01 00:00:00 UTC).
    public init(secondsSince1970 time: Int64) {
        // Clamped to about ±35 million years so the arithmetic below cannot overflow.
        let t = max(-(1 << 50), min(1 << 50, time))
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let rest = Int(t - days * 86_400)
        let (y, m, d) = SIPDate.civil(fromDays: days)
        self.init(year: y, month: m, day: d, hour: rest / 3600, minute: rest / 60 % 60, second: rest % 60)
    }

    /// Seconds since 1970-01-01 00:00:00 UTC.
    public var secondsSince1970: Int64 {
        SIPDate.days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public var description: String {
        let days = SIPDate.days(year: year, month: month, day: day)
        let wd = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(SIPDate.weekdays[wd]), \(two(day)) \(SIPDate.months[max(0, min(11, month - 1))]) \(yearText) "
            + "\(two(hour)):\(two(minute)):\(two(second)) GMT"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01
    /// (H. Hinnant's `civil_from_days`); the JSON event timestamps use it too.
    public static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `wkday "," SP 2DIGIT SP month SP 4DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT SP "GMT"`
    /// (runs of white space tolerated).
    public static func parse(_ text: Substring) throws(SIPParseError) -> SIPDate {
        var c = ValueCursor(text)
        c.skipSpace()
        let wd = c.span(while: ValueChars.isAlpha)
        guard weekdays.contains(where: { ValueChars.equalFolded($0, c.string(wd)) }) else {
            throw c.error("expected a weekday", at: wd.lowerBound)
        }
        guard c.takeSeparator(",") else { throw c.error("expected \",\" after the weekday") }
        let dayAt = c.pos
        let day = try fixedNumber(&c, digits: 1...2, "day")
        c.skipSpace()
        let mon = c.span(while: ValueChars.isAlpha)
        guard let m = months.firstIndex(where: { ValueChars.equalFolded($0, c.string(mon)) }) else {
            throw c.error("expected a month name", at: mon.lowerBound)
        }
        c.skipSpace()
        let year = try fixedNumber(&c, digits: 4...4, "year")
        c.skipSpace()
        let hour = try fixedNumber(&c, digits: 2...2, "hour")
        try c.expect(":", "expected \":\" in the time")
        let minute = try fixedNumber(&c, digits: 2...2, "minute")
        try c.expect(":", "expected \":\" in the time")
        let second = try fixedNumber(&c, digits: 2...2, "second")
        c.skipSpace()
        let zone = c.span(while: ValueChars.isAlpha)
        guard c.string(zone) == "GMT" else { throw c.error("SIP dates must be in GMT", at: zone.lowerBound) }
        c.skipSpace()
        try c.expectEnd("the date")
        guard day >= 1, day <= daysInMonth(m + 1, year: year) else { throw c.error("no such day in that month", at: dayAt) }
        guard hour < 24, minute < 60, second <= 60 else { throw c.error("time out of range", at: dayAt) }
        return SIPDate(year: year, month: m + 1, day: day, hour: hour, minute: minute, second: second)
    }

    private static func fixedNumber(_ c: inout ValueCursor, digits: ClosedRange<Int>, _ what: String)
        throws(SIPParseError) -> Int
    {
        let start = c.pos
        let v = try c.number(what, max: 9999)
        guard digits.contains(c.pos - start) else { throw c.error("bad \(what)", at: start) }
        return Int(v)
    }
}
