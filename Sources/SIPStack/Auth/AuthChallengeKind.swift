import SIPMessage

/// Who challenged: the server (401, WWW-Authenticate → Authorization) or a proxy
/// (407, Proxy-Authenticate → Proxy-Authorization) (RFC 3261 §22.2, §22.3).
public enum AuthChallengeKind: Sendable, Hashable, CustomStringConvertible {
    case server
    case proxy

    /// The kind a 401 or 407 status asks for; nil for any other status.
    public init?(statusCode: Int) {
        switch statusCode {
        case 401: self = .server
        case 407: self = .proxy
        default: return nil
        }
    }

    /// The header the challenge arrives in.
    public var challengeHeader: String { self == .server ? "WWW-Authenticate" : "Proxy-Authenticate" }
    /// The header the answer goes in.
    public var credentialsHeader: String { self == .server ? "Authorization" : "Proxy-Authorization" }

    public var description: String { self == .server ? "server" : "proxy" }
}
