/// Turns a `sip:`, `sips:`, `tel:` or `callto:` URI, as a browser or desktop hands it to
/// the URI handler, into a target for `call`. The URI is hostile input: percent-escapes are
/// decoded only where the character is allowed as itself (so `%40` in a user part stays
/// escaped), controls, spaces, quotes and backslashes are refused, and the length is bounded.
/// `sip:`/`sips:` keep their URI parameters and drop `?headers` (pipit sends no headers from
/// a URI); `tel:` and `callto:` numbers lose their visual separators and parameters.
public enum DialURI {
    /// The schemes pipit handles.
    public static let schemes = ["sip", "sips", "tel", "callto"]
    static let maxLength = 2048

    /// Whether `text` starts with one of `schemes` and a colon (any case).
    public static func isURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        return schemes.contains(text[..<colon].lowercased())
    }

    /// The dialable target of `uri`.
    public static func target(_ uri: String) throws(ScriptError) -> String {
        guard uri.utf8.count <= maxLength else { throw ScriptError("URI longer than \(maxLength) bytes") }
        guard let colon = uri.firstIndex(of: ":"), schemes.contains(uri[..<colon].lowercased()) else {
            throw ScriptError("not a sip:, sips:, tel: or callto: URI: \(shown(uri))")
        }
        let scheme = uri[..<colon].lowercased()
        var rest = Substring(uri[uri.index(after: colon)...])
        try refuseRawSpecials(rest, uri)
        while rest.hasPrefix("/") { rest = rest.dropFirst() } // sip://bob@host, callto://name
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        guard !rest.isEmpty else { throw ScriptError("empty URI: \(shown(uri))") }
        switch scheme {
        case "sip", "sips":
            return try sip(scheme, rest, uri)
        case "tel":
            let number = rest.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return try telephoneNumber(try decodeAll(number, uri), uri)
        default: // callto
            let decoded = try decodeAll(rest, uri)
            if decoded.contains("@") { return try sip("sip", Substring(decoded), uri) }
            if let number = try? telephoneNumber(decoded, uri) { return number }
            guard decoded.allSatisfy({ $0.isLetter || $0.isNumber || "._-+".contains($0) }) else {
                throw ScriptError("callto: \(shown(decoded)) is neither an address nor a number")
            }
            return decoded
        }
    }

    /// The command line that dials `target` (a result of `target(_:)`: no quotes inside).
    public static func callLine(_ target: String) -> String { "call \"\(target)\"" }

    /// Controls, spaces, quotes, backslashes and angle brackets never stand in a URI as themselves.
    private static func refuseRawSpecials(_ text: Substring, _ uri: String) throws(ScriptError) {
        for scalar in text.unicodeScalars where scalar.value <= 0x20 || scalar.value == 0x7F || "\"\\<>`".unicodeScalars.contains(scalar) {
            throw ScriptError("character \(scalar.escaped(asASCII: true)) not allowed in a URI: \(shown(uri))")
        }
    }

    private static func sip(_ scheme: String, _ rest: Substring, _ uri: String) throws(ScriptError) -> String {
        try refuseRawSpecials(rest, uri) // again: a callto: address arrives decoded
        var user: Substring?
        var hostAndParameters = rest
        if let at = rest.firstIndex(of: "@") {
            user = rest[..<at]
            hostAndParameters = rest[rest.index(after: at)...]
        }
        let pieces = hostAndParameters.split(separator: ";", omittingEmptySubsequences: false)
        guard let hostPort = pieces.first, !hostPort.isEmpty else { throw ScriptError("no host in \(shown(uri))") }
        let host = try normalized(hostPort, keeping: "[]:", uri)
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || ".-[]:".contains($0) }) else {
            throw ScriptError("bad host in \(shown(uri))")
        }
        var result = scheme + ":"
        if let user {
            guard !user.isEmpty else { throw ScriptError("empty user in \(shown(uri))") }
            result += try normalized(user, keeping: "&=+$,/", uri) + "@"
        }
        result += host
        for parameter in pieces.dropFirst() where !parameter.isEmpty {
            result += ";" + (try normalized(parameter, keeping: "[]/:&+$=", uri))
        }
        return result
    }

    /// `+1 (201) 555-0123` → `+12015550123`; digits, `*`, `#` and A–D only.
    private static func telephoneNumber(_ text: String, _ uri: String) throws(ScriptError) -> String {
        let number = text.filter { !" -.()".contains($0) }
        let body = number.hasPrefix("+") ? number.dropFirst() : Substring(number)
        guard !body.isEmpty, body.count <= 64, body.allSatisfy({ "0123456789*#ABCDabcd".contains($0) }) else {
            throw ScriptError("not a telephone number: \(shown(uri))")
        }
        return number
    }

    /// Decodes the escapes of characters allowed as themselves here (unreserved ones and
    /// `allowed`); others stay escaped, in upper-case hex. Escaped controls are refused.
    private static func normalized(_ text: Substring, keeping allowed: String, _ uri: String) throws(ScriptError) -> String {
        var out = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "%" else {
                out.unicodeScalars.append(scalar)
                continue
            }
            let pair = scalars.prefix(2).compactMap { $0.isASCII ? UInt8($0.value) : nil }
            guard pair.count == 2, let value = hexByte(pair[...]) else {
                throw ScriptError("bad percent-escape in \(shown(uri))")
            }
            scalars = scalars.dropFirst(2)
            guard value >= 0x20 && value != 0x7F else { throw ScriptError("escaped control character in \(shown(uri))") }
            let decoded = Unicode.Scalar(value)
            let isUnreserved = value < 0x80 && (Character(decoded).isLetter || Character(decoded).isNumber
                || "-_.!~*'()".unicodeScalars.contains(decoded))
            if isUnreserved || allowed.unicodeScalars.contains(decoded) {
                out.unicodeScalars.append(decoded)
            } else {
                out += "%" + String(value, radix: 16, uppercase: true).leftPadded
            }
        }
        return out
    }

    /// Decodes every escape (for numbers and callto: names), as UTF-8; refuses controls.
    private static func decodeAll(_ text: Substring, _ uri: String) throws(ScriptError) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard input.count >= 2, let value = hexByte(input.prefix(2)) else {
                throw ScriptError("bad percent-escape in \(shown(uri))")
            }
            input = input.dropFirst(2)
            guard value >= 0x20 && value != 0x7F && value != UInt8(ascii: "\"") && value != UInt8(ascii: "\\") else {
                throw ScriptError("escaped control character or quote in \(shown(uri))")
            }
            bytes.append(value)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw ScriptError("not UTF-8: \(shown(uri))") }
        return decoded
    }

    private static func hexByte(_ pair: ArraySlice<UInt8>) -> UInt8? {
        guard pair.count == 2, let text = String(validating: pair, as: UTF8.self) else { return nil }
        return UInt8(text, radix: 16)
    }

    /// The URI as shown in messages: bounded and without control characters.
    private static func shown(_ text: String) -> String {
        String(text.unicodeScalars.prefix(120).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
    }
}

private extension String {
    var leftPadded: String { count == 1 ? "0" + self : self }
}
