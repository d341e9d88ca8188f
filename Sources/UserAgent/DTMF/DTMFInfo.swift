/// DTMF carried in SIP INFO bodies, as phones and PBXs send it (no Info-Package, RFC 6086
/// §9 "legacy" use): `application/dtmf-relay` (`Signal=5` and `Duration=160` lines, Cisco's
/// format) and `application/dtmf` (the key alone). Pure.
public enum DTMFInfo {
    public static let relayContentType = "application/dtmf-relay"
    public static let plainContentType = "application/dtmf"
    /// How long each key is said to last, in milliseconds.
    public static let duration = 160

    /// The body for `key` in `application/dtmf-relay`.
    public static func relayBody(_ key: Character) -> [UInt8] {
        Array("Signal=\(key)\r\nDuration=\(duration)\r\n".utf8)
    }

    /// The key in a body of `contentType` (`type/subtype`, parameters ignored), or nil
    /// when the body is not DTMF we read. Keys are 0–9, *, #, A–D; `Signal=10` and `11`
    /// (RFC 4733 event numbers some devices send) are * and #.
    public static func key(in body: [UInt8], contentType: String) -> Character? {
        let type = contentType.split(separator: ";").first.map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() } ?? ""
        let text = String(decoding: body.prefix(256), as: UTF8.self)
        switch type {
        case relayContentType:
            for line in text.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: "=", maxSplits: 1).map { $0.filter { $0 != " " && $0 != "\t" } }
                guard parts.count == 2, parts[0].lowercased() == "signal" else { continue }
                return normalized(parts[1])
            }
            return nil
        case plainContentType:
            return normalized(text.filter { !$0.isWhitespace })
        default:
            return nil
        }
    }

    static func normalized(_ value: String) -> Character? {
        switch value.uppercased() {
        case "10": return "*"
        case "11": return "#"
        case let single where single.count == 1:
            guard let key = single.first, "0123456789*#ABCD".contains(key) else { return nil }
            return key
        default: return nil
        }
    }
}

/// How a call's keys go out: the account's `dtmf` setting and what the call agreed.
public enum DTMFRoute: Sendable, Equatable {
    /// RFC 4733 telephone-events in the media.
    case rfc4733
    /// One SIP INFO per key.
    case info
    /// Tones in the audio.
    case inband
    case unavailable(String)

    public static func choose(_ method: DTMFMethod, telephoneEventAgreed: Bool) -> DTMFRoute {
        switch method {
        case .auto: telephoneEventAgreed ? .rfc4733 : .info
        case .rfc4733: telephoneEventAgreed ? .rfc4733 : .unavailable("the peer did not agree to RFC 4733 telephone-events (dtmf = \"rfc4733\")")
        case .info: .info
        case .inband: .inband
        }
    }
}
