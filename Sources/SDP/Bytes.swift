/// Byte-level helpers the parsers share. Slices keep the indices of the whole input, so a
/// slice's `startIndex` is its byte offset in the input — that is what errors report.
typealias Bytes = ArraySlice<UInt8>

enum ASCII {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let colon: UInt8 = 0x3A
    static let slash: UInt8 = 0x2F
    static let equals: UInt8 = 0x3D
    static let semicolon: UInt8 = 0x3B
    static let pipe: UInt8 = 0x7C

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isWhitespace(_ b: UInt8) -> Bool { b == space || b == tab }
}

extension ArraySlice where Element == UInt8 {
    /// The bytes as text; invalid UTF-8 becomes U+FFFD rather than a refusal, because old
    /// phones put Latin-1 in free-text fields and nothing depends on those bytes.
    var text: String { String(decoding: self, as: UTF8.self) }

    /// Fields separated by runs of spaces or tabs (SDP says one space; phones send more).
    var fields: [Bytes] {
        var result: [Bytes] = []
        var start: Int? = nil
        for i in indices {
            if ASCII.isWhitespace(self[i]) {
                if let s = start { result.append(self[s..<i]); start = nil }
            } else if start == nil {
                start = i
            }
        }
        if let s = start { result.append(self[s..<endIndex]) }
        return result
    }

    /// Splits at every `separator`, keeping empty pieces.
    func pieces(_ separator: UInt8) -> [Bytes] {
        var result: [Bytes] = []
        var start = startIndex
        for i in indices where self[i] == separator {
            result.append(self[start..<i])
            start = i + 1
        }
        result.append(self[start..<endIndex])
        return result
    }

    /// Splits at the first `separator`; nil when there is none.
    func splitOnce(_ separator: UInt8) -> (Bytes, Bytes)? {
        guard let i = firstIndex(of: separator) else { return nil }
        return (self[startIndex..<i], self[(i + 1)..<endIndex])
    }

    /// Leading and trailing spaces and tabs removed.
    var trimmed: Bytes {
        var s = startIndex
        var e = endIndex
        while s < e, ASCII.isWhitespace(self[s]) { s += 1 }
        while e > s, ASCII.isWhitespace(self[e - 1]) { e -= 1 }
        return self[s..<e]
    }

    /// A decimal number without sign, or nil when it is not one or exceeds `UInt64`.
    var decimal: UInt64? {
        guard !isEmpty, count <= 20 else { return nil }
        var value: UInt64 = 0
        for b in self {
            guard ASCII.isDigit(b) else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(b - 0x30))
            if o1 || o2 { return nil }
            value = a
        }
        return value
    }

    /// `<digits>.<digits>`, as RFC 8866's `non-zero-real` allows for ptime.
    var isDecimalFraction: Bool {
        guard let (whole, fraction) = splitOnce(0x2E) else { return false }
        return whole.decimal != nil && fraction.decimal != nil
    }

    /// True when every byte is a visible ASCII character other than those SDP reserves
    /// as separators here (a "token" in the loose sense phones honour).
    var isToken: Bool {
        !isEmpty && allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}
