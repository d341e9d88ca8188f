/// Byte classes of the RFC 3261 §25 grammar, looked up in one table so that every
/// parser in this module classifies a byte in constant time.
enum ValueChars {
    struct Class: OptionSet, Sendable {
        let rawValue: UInt16
        static let alnum = Class(rawValue: 1 << 0)
        /// `mark`: - _ . ! ~ * ' ( )
        static let mark = Class(rawValue: 1 << 1)
        /// `user-unreserved`: & = + $ , ; ? /
        static let userExtra = Class(rawValue: 1 << 2)
        /// Password extras: & = + $ ,
        static let passwordExtra = Class(rawValue: 1 << 3)
        /// `param-unreserved`: [ ] / : & + $
        static let paramExtra = Class(rawValue: 1 << 4)
        /// `hnv-unreserved`: [ ] / ? : + $
        static let headerExtra = Class(rawValue: 1 << 5)
        /// `token` characters.
        static let token = Class(rawValue: 1 << 6)
        /// Call-ID `word` characters.
        static let word = Class(rawValue: 1 << 7)
        static let hex = Class(rawValue: 1 << 8)
        /// `reserved`: ; / ? : @ & = + $ ,
        static let reserved = Class(rawValue: 1 << 9)
        static let unreserved: Class = [.alnum, .mark]
    }

    static let table: [Class] = {
        var t = [Class](repeating: [], count: 256)
        func add(_ chars: String, _ c: Class) { for b in chars.utf8 { t[Int(b)].insert(c) } }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)].insert([.alnum, .token, .word, .hex]) }
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)].insert([.alnum, .token, .word]) }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)].insert([.alnum, .token, .word]) }
        add("abcdefABCDEF", .hex)
        add("-_.!~*'()", .mark)
        add("&=+$,;?/", .userExtra)
        add("&=+$,", .passwordExtra)
        add("[]/:&+$", .paramExtra)
        add("[]/?:+$", .headerExtra)
        add("-.!%*_+`'~", .token)
        add("-.!%*_+`'~()<>:\\\"/[]?{}", .word)
        add(";/?:@&=+$,", .reserved)
        return t
    }()

    @inline(__always) static func `is`(_ byte: UInt8, _ c: Class) -> Bool {
        !table[Int(byte)].isDisjoint(with: c)
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
    static func isToken(_ b: UInt8) -> Bool { `is`(b, .token) }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// Whether `text` is a non-empty `token`.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { isToken($0) }
    }

    /// ASCII lower-casing; leaves other bytes alone (SIP compares names in ASCII only).
    static func lower(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// ASCII case-insensitive equality.
    static func equalFolded(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { x, y in
            x == y || (isAlpha(x) && (x | 0x20) == (y | 0x20))
        }
    }
}
