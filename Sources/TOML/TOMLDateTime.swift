/// A TOML date, time or date-time, kept as its parts and as written.
public struct TOMLDateTime: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case offsetDateTime, localDateTime, localDate, localTime

        var typeName: String {
            switch self {
            case .offsetDateTime: "offset date-time"
            case .localDateTime: "local date-time"
            case .localDate: "local date"
            case .localTime: "local time"
            }
        }
    }

    public struct Date: Sendable, Hashable {
        public var year: Int
        public var month: Int
        public var day: Int
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    public struct Time: Sendable, Hashable {
        public var hour: Int
        public var minute: Int
        /// 0 to 60 (60 only for a leap second).
        public var second: Int
        /// Fractional seconds; digits past the ninth are truncated.
        public var nanosecond: Int
        public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
            self.hour = hour
            self.minute = minute
            self.second = second
            self.nanosecond = nanosecond
        }
    }

    public var date: Date?
    public var time: Time?
    /// Minutes east of UTC (`Z` is 0); nil for local values.
    public var offsetMinutes: Int?
    /// The source text, exactly as written.
    public var text: String

    public var kind: Kind {
        switch (date, time, offsetMinutes) {
        case (.some, .some, .some): .offsetDateTime
        case (.some, .some, nil): .localDateTime
        case (.some, nil, _): .localDate
        default: .localTime
        }
    }

    public var description: String { text }
}
