/// The quality of protection a Digest response uses (RFC 7616 §3.3, RFC 2617 §3.2.1).
public enum DigestQop: String, Sendable, Hashable, CustomStringConvertible {
    /// Authentication only: A2 is `method:uri`.
    case auth
    /// Authentication with integrity: A2 also holds the hash of the message body.
    case authInt = "auth-int"

    public var description: String { rawValue }

    /// Recognizes `auth` and `auth-int` case-insensitively; nil for anything else.
    public init?(token: String) {
        switch token.lowercased() {
        case "auth": self = .auth
        case "auth-int": self = .authInt
        default: return nil
        }
    }

    /// What to answer a challenge's `qop=` options with: `auth` whenever offered (it
    /// leaves the body free for proxies to rewrite), `auth-int` only when it is the sole
    /// option we know. `.none` means RFC 2069 style (no qop); nil means no option we support.
    static func choose(from options: [String]?) -> Choice? {
        guard let options else { return .some(.none) }
        let known = options.compactMap(DigestQop.init(token:))
        if known.contains(.auth) { return .some(.auth) }
        if known.contains(.authInt) { return .some(.authInt) }
        return nil
    }

    /// A chosen qop, or none (the challenge had no `qop=`).
    typealias Choice = DigestQop?
}
