extension SIPURI: SIPValueParsable {
    /// Parses a `sip:` / `sips:` URI (RFC 3261 §25 `SIP-URI`, `SIPS-URI`).
    public static func parse(_ text: Substring) throws(SIPParseError) -> SIPURI {
        let bytes = contiguousBytes(of: text)
        return try parse(bytes[...], base: 0)
    }

    static func parse(_ b: ArraySlice<UInt8>, base: Int) throws(SIPParseError) -> SIPURI {
        func fail(_ i: Int, _ reason: String) -> SIPParseError {
            SIPParseError(.malformedURI, at: base + (i - b.startIndex), reason)
        }
        guard let colon = b.firstIndex(of: UInt8(ascii: ":")) else { throw fail(b.startIndex, "missing scheme") }
        let scheme = ValueChars.lower(String(decoding: b[b.startIndex..<colon], as: UTF8.self))
        guard scheme == "sip" || scheme == "sips" else { throw fail(b.startIndex, "not a sip or sips URI") }
        var i = colon + 1
        func off(_ j: Int) -> Int { base + (j - b.startIndex) }

        // userinfo: everything up to the first "@" ("@" is not allowed raw anywhere else).
        var rawUser: String?, user: String?, rawPassword: String?, password: String?
        if let at = b[i...].firstIndex(of: UInt8(ascii: "@")) {
            let info = b[i..<at]
            let split = info.firstIndex(of: UInt8(ascii: ":")) ?? at
            let userBytes = b[i..<split]
            guard !userBytes.isEmpty else { throw fail(i, "empty user part") }
            // "#" must be escaped, but phones send `sip:*97#@pbx` and PBXs accept it; it is
            // kept as written and escaped only when the user part is set anew.
            try Percent.validate(userBytes, allowed: userChars, also: UInt8(ascii: "#"), base: off(i), what: "user part")
            rawUser = String(decoding: userBytes, as: UTF8.self)
            user = try Percent.decode(userBytes, base: off(i))
            if split < at {
                let pw = b[(split + 1)..<at]
                try Percent.validate(pw, allowed: passwordChars, base: off(split + 1), what: "password")
                rawPassword = String(decoding: pw, as: UTF8.self)
                password = try Percent.decode(pw, base: off(split + 1))
            }
            i = at + 1
        }

        // host [":" port]
        let hostStart = i
        if i < b.endIndex, b[i] == UInt8(ascii: "[") {
            guard let close = b[i...].firstIndex(of: UInt8(ascii: "]")) else {
                throw fail(i, "unterminated IPv6 reference")
            }
            i = close + 1
        } else {
            while i < b.endIndex, ![UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "?")].contains(b[i]) { i += 1 }
        }
        let host = try Host.parse(b[hostStart..<i], base: off(hostStart))
        var port: UInt16?
        if i < b.endIndex, b[i] == UInt8(ascii: ":") {
            i += 1
            port = try parsePort(b, &i, base: base)
        }

        // uri-parameters
        var parameters: [URIParameter] = []
        while i < b.endIndex, b[i] == UInt8(ascii: ";") {
            i += 1
            let start = i
            while i < b.endIndex, b[i] != UInt8(ascii: ";"), b[i] != UInt8(ascii: "?") { i += 1 }
            let item = b[start..<i]
            let eq = item.firstIndex(of: UInt8(ascii: "=")) ?? i
            let name = item[start..<eq]
            guard !name.isEmpty else { throw fail(start, "empty URI parameter name") }
            try Percent.validate(name, allowed: paramChars, base: off(start), what: "URI parameter")
            var value: String?
            if eq < i {
                let v = item[(eq + 1)..<i]
                guard !v.isEmpty else { throw fail(eq + 1, "empty URI parameter value") }
                try Percent.validate(v, allowed: paramChars, base: off(eq + 1), what: "URI parameter")
                value = String(decoding: v, as: UTF8.self)
            }
            let p = URIParameter(String(decoding: name, as: UTF8.self), value)
            try validateKnown(p, at: off(start))
            parameters.append(p)
        }

        // headers
        var headers: [URIHeader] = []
        if i < b.endIndex, b[i] == UInt8(ascii: "?") {
            repeat {
                i += 1
                let start = i
                while i < b.endIndex, b[i] != UInt8(ascii: "&") { i += 1 }
                let item = b[start..<i]
                guard let eq = item.firstIndex(of: UInt8(ascii: "=")), eq > start else {
                    throw fail(start, "URI header needs a name and \"=\"")
                }
                try Percent.validate(item[start..<eq], allowed: headerChars, base: off(start), what: "URI header")
                try Percent.validate(item[(eq + 1)..<i], allowed: headerChars, base: off(eq + 1), what: "URI header")
                headers.append(URIHeader(String(decoding: item[start..<eq], as: UTF8.self),
                                         String(decoding: item[(eq + 1)..<i], as: UTF8.self)))
            } while i < b.endIndex
        }
        guard i == b.endIndex else { throw fail(i, "unexpected character in URI") }
        return SIPURI(secure: scheme == "sips", rawUser: rawUser, user: user, rawPassword: rawPassword,
                      password: password, host: host, port: port, parameters: parameters, headers: headers)
    }

    /// `port = 1*DIGIT`, 0…65535; advances `i` past the digits.
    static func parsePort(_ b: ArraySlice<UInt8>, _ i: inout Int, base: Int) throws(SIPParseError) -> UInt16 {
        let start = i
        var value = 0
        while i < b.endIndex, ValueChars.isDigit(b[i]) {
            value = value * 10 + Int(b[i] - 0x30)
            guard value <= 65535 else {
                throw SIPParseError(.malformedURI, at: base + (start - b.startIndex), "port is larger than 65535")
            }
            i += 1
        }
        guard i > start else { throw SIPParseError(.malformedURI, at: base + (start - b.startIndex), "expected a port number") }
        return UInt16(value)
    }

    /// Checks the values of the parameters RFC 3261 gives a grammar.
    private static func validateKnown(_ p: URIParameter, at offset: Int) throws(SIPParseError) {
        let name = ValueChars.lower(Percent.decodeLenient(p.name))
        let value = p.decodedValue
        func bad(_ what: String) -> SIPParseError { SIPParseError(.malformedURI, at: offset, what) }
        switch name {
        case "transport", "user", "method":
            guard let value, ValueChars.isToken(value) else { throw bad("\(name) parameter must be a token") }
        case "ttl":
            guard let value, parseDecimal(value, max: 255) != nil else { throw bad("ttl must be 0…255") }
        case "maddr":
            guard let value, (try? Host.parse(value)) != nil else { throw bad("maddr must be a host") }
        default:
            break
        }
    }
}
