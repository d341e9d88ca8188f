/// Validates UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF), reporting
/// the line and column of the first bad byte.
enum UTF8Check {
    static func validate(_ bytes: [UInt8]) throws(TOMLError) {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var lowest: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; lowest = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; lowest = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; lowest = 0x10000; scalar = UInt32(b & 0x07)
            default: throw error(bytes, at: i)
            }
            guard i + length <= bytes.count else { throw error(bytes, at: i) }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { throw error(bytes, at: i) }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= lowest, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                throw error(bytes, at: i)
            }
            i += length
        }
    }

    private static func error(_ bytes: [UInt8], at offset: Int) -> TOMLError {
        var line = 1
        var column = 1
        for b in bytes[..<offset] {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return TOMLError("invalid UTF-8", at: TOMLPosition(line: line, column: column))
    }
}
