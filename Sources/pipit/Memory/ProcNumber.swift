/// Numbers in /proc text, read from bytes in place: the trimmer's readings must not make
/// strings (see `ResidentTrimmer`).
enum ProcNumber {
    /// Decimal digits from `at` (at most 18, so it cannot overflow), nil when there are
    /// none or too many; `at` ends after the last digit.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ at: inout Int) -> Int? {
        let first = at
        var value = 0
        while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
            guard at - first < 18 else { return nil }
            value = value * 10 + Int(bytes[at] - UInt8(ascii: "0"))
            at += 1
        }
        return at > first ? value : nil
    }

    /// Hex digits from `at` (at most 16), nil when there are none; `at` ends after them.
    static func hex(_ bytes: UnsafeBufferPointer<UInt8>, _ at: inout Int) -> UInt? {
        var value: UInt = 0
        let first = at
        while at < bytes.count, at - first < 16 {
            let byte = bytes[at]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return at > first ? value : nil
            }
            value = value << 4 | UInt(digit)
            at += 1
        }
        return at > first ? value : nil
    }
}
