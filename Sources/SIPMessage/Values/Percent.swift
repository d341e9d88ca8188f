/// Percent-escapes (`escaped = "%" HEXDIG HEXDIG`) in URI components.
enum Percent {
    /// Decodes the escapes in `bytes`; a `%` not followed by two hex digits is an error
    /// at its offset (`base` added).
    static func decode(_ bytes: ArraySlice<UInt8>, base: Int) throws(SIPParseError) -> String {
        guard bytes.contains(UInt8(ascii: "%")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < bytes.endIndex,
                      let hi = ValueChars.hexValue(bytes[i + 1]), let lo = ValueChars.hexValue(bytes[i + 2])
                else {
                    throw SIPParseError(.malformedURI, at: base + (i - bytes.startIndex), "bad percent-escape")
                }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a string already validated at parse time; bad escapes are kept as text.
    static func decodeLenient(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return (try? decode(bytes[...], base: 0)) ?? text
    }

    /// The form RFC 3261 §19.1.4 compares: escapes of characters outside the `reserved`
    /// set decoded (`%61` is `a`), escapes of reserved ones kept with upper-case hex
    /// (`%3b` is `%3B`, and not `;`). With `folding`, ASCII letters are lower-cased too
    /// (the hex of a kept escape stays upper case).
    static func comparable(_ text: String, folding: Bool = false) -> [UInt8] {
        let b = Array(text.utf8)
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count,
               let hi = ValueChars.hexValue(b[i + 1]), let lo = ValueChars.hexValue(b[i + 2]) {
                let byte = hi << 4 | lo
                if ValueChars.is(byte, .reserved) {
                    out += [UInt8(ascii: "%"), hexDigits[Int(hi)], hexDigits[Int(lo)]]
                } else {
                    out.append(folding && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                }
                i += 3
            } else {
                out.append(folding && b[i] >= 0x41 && b[i] <= 0x5A ? b[i] | 0x20 : b[i])
                i += 1
            }
        }
        return out
    }

    /// Escapes every byte of `text` outside `allowed` (and every `%`).
    static func encode(_ text: String, allowed: ValueChars.Class) -> String {
        var out: [UInt8] = []
        let digits = Array("0123456789ABCDEF".utf8)
        for b in text.utf8 {
            if b != UInt8(ascii: "%") && ValueChars.is(b, allowed) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(digits[Int(b >> 4)])
                out.append(digits[Int(b & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Checks that every byte of `bytes` is in `allowed` (or is `extra`) or part of a
    /// valid escape.
    static func validate(_ bytes: ArraySlice<UInt8>, allowed: ValueChars.Class, also extra: UInt8? = nil,
                         base: Int, what: String) throws(SIPParseError)
    {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < bytes.endIndex, ValueChars.hexValue(bytes[i + 1]) != nil,
                      ValueChars.hexValue(bytes[i + 2]) != nil
                else {
                    throw SIPParseError(.malformedURI, at: base + (i - bytes.startIndex), "bad percent-escape in \(what)")
                }
                i += 3
            } else {
                guard ValueChars.is(b, allowed) || b == extra else {
                    throw SIPParseError(.malformedURI, at: base + (i - bytes.startIndex), "character not allowed in \(what)")
                }
                i += 1
            }
        }
    }
}
