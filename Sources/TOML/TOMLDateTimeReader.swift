/// Reads RFC 3339 dates and times as TOML 1.0 restricts them: `1979-05-27`,
/// `07:32:00(.999)`, joined by `T`, `t` or a space, then `Z`, `z` or `±hh:mm`.
enum TOMLDateTimeReader {
    static func read(_ token: [UInt8], at start: TOMLPosition) throws(TOMLError) -> TOMLDateTime {
        let text = String(decoding: token, as: UTF8.self)
        func fail(_ why: String) -> TOMLError { TOMLError("invalid date or time `\(text)`: \(why)", at: start) }
        var i = 0
        func number(_ count: Int) throws(TOMLError) -> Int {
            guard i + count <= token.count else { throw fail("too short") }
            var value = 0
            for b in token[i..<i + count] {
                guard b.isDigit else { throw fail("expected a digit") }
                value = value * 10 + Int(b - 0x30)
            }
            i += count
            return value
        }
        func expect(_ c: UInt8) throws(TOMLError) {
            guard i < token.count, token[i] == c else { throw fail("expected `\(Character(Unicode.Scalar(c)))`") }
            i += 1
        }
        var result = TOMLDateTime(date: nil, time: nil, offsetMinutes: nil, text: text)
        let hasDate = token.count >= 5 && token[4] == .minus
        if hasDate {
            let year = try number(4)
            try expect(.minus)
            let month = try number(2)
            try expect(.minus)
            let day = try number(2)
            guard (1...12).contains(month) else { throw fail("month must be 01 to 12") }
            guard day >= 1, day <= daysIn(month: month, year: year) else { throw fail("no such day in that month") }
            result.date = .init(year: year, month: month, day: day)
            guard i < token.count else { return result }
            guard [UInt8(ascii: "T"), UInt8(ascii: "t"), .space].contains(token[i]) else { throw fail("expected `T` or a space before the time") }
            i += 1
        }
        let hour = try number(2)
        try expect(.colon)
        let minute = try number(2)
        try expect(.colon)
        let second = try number(2)
        guard hour < 24 else { throw fail("hour must be 00 to 23") }
        guard minute < 60 else { throw fail("minute must be 00 to 59") }
        guard second <= 60 else { throw fail("second must be 00 to 60") }
        var nanosecond = 0
        if i < token.count, token[i] == .dot {
            i += 1
            var digits = 0
            while i < token.count, token[i].isDigit {
                if digits < 9 { nanosecond = nanosecond * 10 + Int(token[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { throw fail("expected digits after `.`") }
            for _ in min(digits, 9)..<9 { nanosecond *= 10 }
        }
        result.time = .init(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        guard i < token.count else { return result }
        guard hasDate else { throw fail("a time without a date cannot have an offset") }
        switch token[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
            result.offsetMinutes = 0
        case .plus, .minus:
            let negative = token[i] == .minus
            i += 1
            let hours = try number(2)
            try expect(.colon)
            let minutes = try number(2)
            guard hours < 24, minutes < 60 else { throw fail("offset out of range") }
            result.offsetMinutes = (hours * 60 + minutes) * (negative ? -1 : 1)
        default:
            throw fail("unexpected text after the time")
        }
        guard i == token.count else { throw fail("unexpected text after the offset") }
        return result
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
