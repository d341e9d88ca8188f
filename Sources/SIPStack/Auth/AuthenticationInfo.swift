import SIPMessage

/// The parameters of an Authentication-Info header (RFC 3261 §20.6, RFC 7616 §3.5):
/// `nextnonce`, `qop`, `rspauth`, `cnonce`, `nc`, as received.
struct AuthenticationInfo: Sendable, Equatable {
    var parameters: [(name: String, value: String)] = []

    /// The value of `name` (case-insensitive).
    func value(_ name: String) -> String? {
        parameters.first { $0.name.lowercased() == name }?.value
    }

    var nextNonce: String? { value("nextnonce") }

    static func == (a: AuthenticationInfo, b: AuthenticationInfo) -> Bool {
        a.parameters.elementsEqual(b.parameters) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Reads `name=value` elements; elements that are not are skipped, and an
    /// unterminated quote gives nil. Linear in the input.
    static func parse(_ text: String) -> AuthenticationInfo? {
        let slice = text[...]
        guard let ranges = try? SIPValueList.elementRanges(of: slice) else { return nil }
        let bytes = Array(slice.utf8)
        var info = AuthenticationInfo()
        for range in ranges {
            let element = bytes[range]
            guard let eq = element.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = trimmed(element[element.startIndex..<eq])
            let raw = trimmed(element[(eq + 1)..<element.endIndex])
            guard !name.isEmpty, name.allSatisfy(AuthChallengeReader.isTokenByte) else { continue }
            info.parameters.append((String(decoding: name, as: UTF8.self), unquoted(raw)))
        }
        return info
    }

    private static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var a = s.startIndex, b = s.endIndex
        while a < b, s[a] == UInt8(ascii: " ") || s[a] == UInt8(ascii: "\t") { a += 1 }
        while b > a, s[b - 1] == UInt8(ascii: " ") || s[b - 1] == UInt8(ascii: "\t") { b -= 1 }
        return s[a..<b]
    }

    /// The text of a quoted-string without quotes and escapes; a token as is.
    private static func unquoted(_ s: ArraySlice<UInt8>) -> String {
        guard s.count >= 2, s.first == UInt8(ascii: "\""), s.last == UInt8(ascii: "\"") else {
            return String(decoding: s, as: UTF8.self)
        }
        var out: [UInt8] = []
        var i = s.startIndex + 1
        let end = s.endIndex - 1
        while i < end {
            if s[i] == UInt8(ascii: "\\"), i + 1 < end { i += 1 }
            out.append(s[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
