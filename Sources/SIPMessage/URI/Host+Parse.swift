extension Host: SIPValueParsable {
    /// Parses `host` of RFC 3261 §25: a hostname, an IPv4 address or an IPv6 reference
    /// in brackets (RFC 5118).
    public static func parse(_ text: Substring) throws(SIPParseError) -> Host {
        let bytes = contiguousBytes(of: text)
        return try parse(bytes[...], base: 0)
    }

    static func parse(_ bytes: ArraySlice<UInt8>, base: Int) throws(SIPParseError) -> Host {
        guard let first = bytes.first else { throw SIPParseError(.malformedURI, at: base, "empty host") }
        if first == UInt8(ascii: "[") {
            guard bytes.last == UInt8(ascii: "]"), bytes.count > 2,
                  let a = parseIPv6(bytes.dropFirst().dropLast())
            else { throw SIPParseError(.malformedURI, at: base, "bad IPv6 reference") }
            return .ipv6(a)
        }
        if bytes.allSatisfy({ ValueChars.isDigit($0) || $0 == UInt8(ascii: ".") }) {
            guard let a = parseIPv4(bytes) else { throw SIPParseError(.malformedURI, at: base, "bad IPv4 address") }
            return .ipv4(a)
        }
        try validateHostname(bytes, base: base)
        return .domain(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses an IPv4 or IPv6 address with or without brackets (a Via `received`).
    public static func parseAddress(_ text: Substring) -> Host? {
        let bytes = contiguousBytes(of: text)[...]
        if let a = parseIPv4(bytes) { return .ipv4(a) }
        if bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]"), bytes.count > 2 {
            return parseIPv6(bytes.dropFirst().dropLast()).map { .ipv6($0) }
        }
        return parseIPv6(bytes).map { .ipv6($0) }
    }

    /// `hostname = *( domainlabel "." ) toplabel [ "." ]`; underscores are tolerated
    /// because deployed names carry them.
    static func validateHostname(_ bytes: ArraySlice<UInt8>, base: Int) throws(SIPParseError) {
        guard bytes.count <= 255 else { throw SIPParseError(.malformedURI, at: base, "host name too long") }
        var labelStart = bytes.startIndex
        for i in bytes.indices {
            let b = bytes[i]
            let at = base + (i - bytes.startIndex)
            if b == UInt8(ascii: ".") {
                guard i > labelStart else { throw SIPParseError(.malformedURI, at: at, "empty label in host name") }
                guard bytes[i - 1] != UInt8(ascii: "-") else {
                    throw SIPParseError(.malformedURI, at: at - 1, "label ends with a hyphen")
                }
                labelStart = i + 1
            } else if ValueChars.is(b, .alnum) || b == UInt8(ascii: "_") {
                continue
            } else if b == UInt8(ascii: "-") {
                guard i > labelStart else { throw SIPParseError(.malformedURI, at: at, "label starts with a hyphen") }
            } else {
                throw SIPParseError(.malformedURI, at: at, "character not allowed in host name")
            }
        }
        if let last = bytes.last, last == UInt8(ascii: "-") {
            throw SIPParseError(.malformedURI, at: base + bytes.count - 1, "label ends with a hyphen")
        }
        // A trailing dot is allowed, a lone dot is not.
        if bytes.count == 1, bytes.first == UInt8(ascii: ".") {
            throw SIPParseError(.malformedURI, at: base, "empty host name")
        }
    }

    /// `IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT`, each ≤ 255.
    static func parseIPv4(_ bytes: ArraySlice<UInt8>) -> IPv4Address? {
        var octets: [UInt8] = []
        var value = 0, digits = 0
        for b in bytes {
            if ValueChars.isDigit(b) {
                value = value * 10 + Int(b - 0x30)
                digits += 1
                guard digits <= 3, value <= 255 else { return nil }
            } else if b == UInt8(ascii: ".") {
                guard digits > 0, octets.count < 3 else { return nil }
                octets.append(UInt8(value))
                value = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0, octets.count == 3 else { return nil }
        return IPv4Address(octets[0], octets[1], octets[2], UInt8(value))
    }

    /// RFC 4291 §2.2 text forms: eight hex groups, `::` once for a run of zero groups,
    /// an embedded IPv4 address in place of the last two groups.
    static func parseIPv6(_ bytes: ArraySlice<UInt8>) -> IPv6Address? {
        guard bytes.count >= 2, bytes.count <= 45 else { return nil }
        var head: [UInt16] = [], tail: [UInt16] = []
        var sawGap = false
        var i = bytes.startIndex
        if bytes[i] == UInt8(ascii: ":") {
            guard bytes[i + 1] == UInt8(ascii: ":") else { return nil }
            sawGap = true
            i += 2
        }
        while i < bytes.endIndex {
            // One group, or a dotted IPv4 tail.
            let start = i
            var value: UInt32 = 0
            while i < bytes.endIndex, let h = ValueChars.hexValue(bytes[i]), i - start < 4 {
                value = value << 4 | UInt32(h)
                i += 1
            }
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") {
                guard let v4 = parseIPv4(bytes[start...]) else { return nil }
                let o = v4.octets
                let groups = [UInt16(o[0]) << 8 | UInt16(o[1]), UInt16(o[2]) << 8 | UInt16(o[3])]
                if sawGap { tail += groups } else { head += groups }
                i = bytes.endIndex
                break
            }
            guard i > start else { return nil }
            if sawGap { tail.append(UInt16(value)) } else { head.append(UInt16(value)) }
            if i == bytes.endIndex { break }
            guard bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: ":") {
                guard !sawGap else { return nil }
                sawGap = true
                i += 1
            } else if i == bytes.endIndex {
                return nil  // trailing single colon
            }
        }
        let count = head.count + tail.count
        if sawGap { guard count <= 7 else { return nil } } else { guard count == 8 else { return nil } }
        let groups = head + [UInt16](repeating: 0, count: 8 - count) + tail
        var octets: [UInt8] = []
        for g in groups { octets.append(UInt8(g >> 8)); octets.append(UInt8(g & 0xFF)) }
        return IPv6Address(octets: octets)
    }
}
