/// Integers, floats, and the token scan that tells them from dates and times.
extension TOMLParser {
    mutating func parseNumberOrDateTime() throws(TOMLError) -> TOMLValue {
        let start = position
        let begin = offset
        var end = offset
        while end < bytes.count, bytes[end].isNumberTokenByte { end += 1 }
        // A date followed by a space and a time is one local or offset date-time.
        if end - begin == 10, looksLikeDate(begin), end + 3 < bytes.count, bytes[end] == .space,
           bytes[end + 1].isDigit, bytes[end + 2].isDigit, bytes[end + 3] == .colon {
            end += 1
            while end < bytes.count, bytes[end].isNumberTokenByte { end += 1 }
        }
        let token = Array(bytes[begin..<end])
        advance(end - begin)
        if looksLikeDate(begin) || (token.count >= 3 && token[0].isDigit && token[1].isDigit && token[2] == .colon) {
            return .dateTime(try TOMLDateTimeReader.read(token, at: start))
        }
        return try Self.number(token, at: start)
    }

    private func looksLikeDate(_ i: Int) -> Bool {
        i + 4 < bytes.count && bytes[i].isDigit && bytes[i + 1].isDigit && bytes[i + 2].isDigit
            && bytes[i + 3].isDigit && bytes[i + 4] == .minus
    }

    static func number(_ token: [UInt8], at start: TOMLPosition) throws(TOMLError) -> TOMLValue {
        let text = String(decoding: token, as: UTF8.self)
        func fail(_ why: String) -> TOMLError { TOMLError("invalid number `\(text)`: \(why)", at: start) }
        var body = token[...]
        var negative = false
        if let sign = body.first, sign == .plus || sign == .minus {
            negative = sign == .minus
            body = body.dropFirst()
        }
        switch String(decoding: body, as: UTF8.self) {
        case "inf": return .float(negative ? -.infinity : .infinity)
        case "nan": return .float(negative ? -Double.nan : .nan)
        default: break
        }
        if let first = body.first, first.isLetter {
            throw TOMLError("expected a value, found `\(text)` (strings need quotes; true and false are lower case)", at: start)
        }
        if body.count >= 2, body[body.startIndex] == UInt8(ascii: "0"),
           let radix = Self.radix(body[body.startIndex + 1]) {
            guard body.count == token.count else { throw fail("a sign is not allowed on hexadecimal, octal or binary integers") }
            return .integer(try radixInteger(body.dropFirst(2), radix: radix, fail: fail))
        }
        if body.contains(where: { $0 == .dot || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            return .float(try float(token, body: body, fail: fail))
        }
        try checkDigits(body, fail: fail)
        if body.count > 1, body.first == UInt8(ascii: "0") { throw fail("leading zeros are not allowed") }
        // Accumulate negatively so that Int64.min fits.
        var value: Int64 = 0
        for b in body where b != .underscore {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(Int64(b - 0x30))
            guard !o1, !o2 else { throw fail("does not fit in a 64-bit integer") }
            value = next
        }
        if negative { return .integer(value) }
        guard value != .min else { throw fail("does not fit in a 64-bit integer") }
        return .integer(-value)
    }

    private static func radix(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    private static func radixInteger(_ digits: ArraySlice<UInt8>, radix: Int, fail: (String) -> TOMLError) throws(TOMLError) -> Int64 {
        guard !digits.isEmpty else { throw fail("no digits after the prefix") }
        var value: Int64 = 0
        var previousWasDigit = false
        for b in digits {
            if b == .underscore {
                guard previousWasDigit else { throw fail("an underscore must sit between digits") }
                previousWasDigit = false
                continue
            }
            let digit: Int64
            switch radix {
            case 16: guard b.isHexDigit else { throw fail("not a hexadecimal digit") }; digit = Int64(b.hexValue)
            case 8: guard b >= 0x30 && b <= 0x37 else { throw fail("not an octal digit") }; digit = Int64(b - 0x30)
            default: guard b == 0x30 || b == 0x31 else { throw fail("not a binary digit") }; digit = Int64(b - 0x30)
            }
            let (times, o1) = value.multipliedReportingOverflow(by: Int64(radix))
            let (next, o2) = times.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw fail("does not fit in a 64-bit integer") }
            value = next
            previousWasDigit = true
        }
        guard previousWasDigit else { throw fail("an underscore must sit between digits") }
        return value
    }

    /// Digits with single underscores between them, at least one digit.
    private static func checkDigits(_ part: ArraySlice<UInt8>, fail: (String) -> TOMLError) throws(TOMLError) {
        guard !part.isEmpty else { throw fail("expected digits") }
        var previousWasDigit = false
        for b in part {
            if b == .underscore {
                guard previousWasDigit else { throw fail("an underscore must sit between digits") }
                previousWasDigit = false
            } else {
                guard b.isDigit else { throw fail("unexpected character") }
                previousWasDigit = true
            }
        }
        guard previousWasDigit else { throw fail("an underscore must sit between digits") }
    }

    /// integer part, then `.` fraction and/or exponent (TOML 1.0 `float`).
    private static func float(_ token: [UInt8], body: ArraySlice<UInt8>, fail: (String) -> TOMLError) throws(TOMLError) -> Double {
        let exponentAt = body.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        let mantissa = body[..<(exponentAt ?? body.endIndex)]
        let dotAt = mantissa.firstIndex(of: .dot)
        let integerPart = mantissa[..<(dotAt ?? mantissa.endIndex)]
        try checkDigits(integerPart, fail: fail)
        if integerPart.count > 1, integerPart.first == UInt8(ascii: "0") { throw fail("leading zeros are not allowed") }
        if let dotAt {
            try checkDigits(mantissa[(dotAt + 1)...], fail: fail)
        }
        if let exponentAt {
            var exponent = body[(exponentAt + 1)...]
            if let sign = exponent.first, sign == .plus || sign == .minus { exponent = exponent.dropFirst() }
            try checkDigits(exponent, fail: fail)
        }
        let plain = String(decoding: token.filter { $0 != .underscore }, as: UTF8.self)
        guard let value = Double(plain) else { throw fail("not a float") }
        return value
    }
}

extension UInt8 {
    /// Bytes a number, date or time token may hold; the grammar is checked afterwards.
    var isNumberTokenByte: Bool {
        isDigit || isLetter || self == .plus || self == .minus || self == .underscore || self == .dot || self == .colon
    }
}
