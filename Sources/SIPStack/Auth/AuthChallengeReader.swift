import SIPMessage

/// Reads the challenges of a 401/407 with the SIPMessage parser.
///
/// Challenges normally come one per header field. A field may also join several
/// (`Digest realm="a", nonce="1", Digest realm="b", nonce="2"`), which the value parser
/// does not split: `split` cuts it with `SIPValueList` (commas inside quoted strings
/// never split) and starts a new challenge at every element that begins with
/// `token SP` not followed by `=`, which is an auth-scheme rather than an auth-param.
enum AuthChallengeReader {
    struct Result {
        var digest: [DigestChallenge] = []
        /// Schemes other than Digest, for the error message.
        var otherSchemes: [String] = []
        var firstError: SIPParseError?
    }

    /// At most this many challenges are read from one response: real ones carry a few,
    /// and the realm grouping that follows is quadratic.
    static let maxChallenges = 32

    static func read(_ headers: SIPHeaders, kind: AuthChallengeKind) -> Result {
        var result = Result()
        var count = 0
        for field in headers.fields(named: kind.challengeHeader) {
            for text in split(field.value) {
                count += 1
                if count > maxChallenges { return result }
                do {
                    switch try AuthChallenge.parse(text) {
                    case .digest(let challenge): result.digest.append(challenge)
                    case .other(let scheme, _): result.otherSchemes.append(scheme)
                    }
                } catch {
                    if result.firstError == nil { result.firstError = error }
                }
            }
        }
        return result
    }

    /// The challenges of one header value, each as a slice of it.
    static func split(_ value: String) -> [Substring] {
        let text = value[...]
        guard let ranges = try? SIPValueList.elementRanges(of: text), !ranges.isEmpty else {
            return text.isEmpty ? [] : [text]
        }
        let bytes = Array(text.utf8)
        var groups: [Range<Int>] = []
        for range in ranges {
            if let last = groups.last, !startsChallenge(bytes[range]) {
                groups[groups.count - 1] = last.lowerBound..<range.upperBound
            } else {
                groups.append(range)
            }
        }
        let utf8 = text.utf8
        return groups.map { group in
            let start = utf8.index(utf8.startIndex, offsetBy: group.lowerBound)
            let end = utf8.index(start, offsetBy: group.count)
            return text[start..<end]
        }
    }

    /// Whether a list element opens a challenge: a token followed by white space and
    /// then something other than `=` (a parameter is `token [LWS] "=" …`).
    static func startsChallenge(_ element: ArraySlice<UInt8>) -> Bool {
        var i = element.startIndex
        while i < element.endIndex, isTokenByte(element[i]) { i += 1 }
        guard i > element.startIndex else { return false }
        if i == element.endIndex { return true }  // a bare scheme
        guard element[i] == UInt8(ascii: " ") || element[i] == UInt8(ascii: "\t") else { return false }
        while i < element.endIndex, element[i] == UInt8(ascii: " ") || element[i] == UInt8(ascii: "\t") { i += 1 }
        return i < element.endIndex && element[i] != UInt8(ascii: "=")
    }

    /// RFC 3261 `token` characters.
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "-.!%*_+`'~".utf8.contains(b)
        }
    }
}
