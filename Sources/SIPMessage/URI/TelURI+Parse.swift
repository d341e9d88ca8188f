extension TelURI: SIPValueParsable {
    /// Parses a `tel:` URI (RFC 3966 §3).
    public static func parse(_ text: Substring) throws(SIPParseError) -> TelURI {
        let bytes = contiguousBytes(of: text)
        return try parse(bytes[...], base: 0)
    }

    static func parse(_ b: ArraySlice<UInt8>, base: Int) throws(SIPParseError) -> TelURI {
        func fail(_ i: Int, _ reason: String) -> SIPParseError {
            SIPParseError(.malformedURI, at: base + (i - b.startIndex), reason)
        }
        guard b.count >= 4, ValueChars.equalFolded(String(decoding: b.prefix(4), as: UTF8.self), "tel:") else {
            throw fail(b.startIndex, "not a tel URI")
        }
        var i = b.startIndex + 4
        let numberStart = i
        while i < b.endIndex, b[i] != UInt8(ascii: ";") { i += 1 }
        let number = b[numberStart..<i]
        if let bad = invalidNumberIndex(number) { throw fail(bad, "character not allowed in telephone number") }

        var parameters: [URIParameter] = []
        var sawContext = false
        while i < b.endIndex {
            i += 1  // the ";"
            let start = i
            while i < b.endIndex, b[i] != UInt8(ascii: ";") { i += 1 }
            let item = b[start..<i]
            let eq = item.firstIndex(of: UInt8(ascii: "=")) ?? i
            let name = item[start..<eq]
            guard !name.isEmpty, name.allSatisfy({ ValueChars.is($0, .alnum) || $0 == UInt8(ascii: "-") }) else {
                throw fail(start, "bad tel URI parameter name")
            }
            var value: String?
            if eq < i {
                let v = item[(eq + 1)..<i]
                guard !v.isEmpty else { throw fail(eq + 1, "empty tel URI parameter value") }
                let allowed: ValueChars.Class = [.unreserved, .paramExtra, .reserved]
                try Percent.validate(v, allowed: allowed, base: base + (eq + 1 - b.startIndex), what: "tel URI parameter")
                value = String(decoding: v, as: UTF8.self)
            }
            let p = URIParameter(String(decoding: name, as: UTF8.self), value)
            try validateKnown(p, at: base + (start - b.startIndex))
            if ValueChars.equalFolded(p.name, "phone-context") { sawContext = true }
            parameters.append(p)
        }
        let uri = TelURI(number: String(decoding: number, as: UTF8.self), parameters: parameters)
        if !uri.isGlobal && !sawContext { throw fail(numberStart, "local number needs a phone-context") }
        return uri
    }

    /// Index of the first byte that breaks `global-number-digits` / `local-number-digits`,
    /// or of the number's start when it has no digit at all.
    private static func invalidNumberIndex(_ n: ArraySlice<UInt8>) -> Int? {
        let separators: [UInt8] = Array("-.()".utf8)
        let global = n.first == UInt8(ascii: "+")
        var sawDigit = false
        for i in n.indices.dropFirst(global ? 1 : 0) {
            let c = n[i]
            if ValueChars.isDigit(c) { sawDigit = true; continue }
            if separators.contains(c) { continue }
            if !global, ValueChars.hexValue(c) != nil || c == UInt8(ascii: "*") || c == UInt8(ascii: "#") {
                sawDigit = true
                continue
            }
            return i
        }
        return sawDigit ? nil : n.startIndex
    }

    private static func validateKnown(_ p: URIParameter, at offset: Int) throws(SIPParseError) {
        let value = p.decodedValue ?? ""
        func bad(_ what: String) -> SIPParseError { SIPParseError(.malformedURI, at: offset, what) }
        switch ValueChars.lower(p.name) {
        case "ext":
            guard !value.isEmpty, value.utf8.allSatisfy({ ValueChars.isDigit($0) || "-.()".utf8.contains($0) }),
                  value.utf8.contains(where: ValueChars.isDigit)
            else { throw bad("ext must be a phone number") }
        case "phone-context":
            let bytes = Array(value.utf8)[...]
            if bytes.first == UInt8(ascii: "+") {
                guard invalidNumberIndex(bytes) == nil else { throw bad("bad phone-context number") }
            } else {
                guard (try? Host.validateHostname(bytes, base: 0)) != nil, !bytes.isEmpty else {
                    throw bad("phone-context must be a domain name or a global number")
                }
            }
        default:
            break
        }
    }
}
