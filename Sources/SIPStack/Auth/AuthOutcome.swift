import SIPMessage

/// What `DigestClient.handle(_:to:)` decided about a response.
public enum AuthOutcome: Sendable, Equatable {
    /// Send this request again. It carries the new credentials but still has the
    /// original CSeq and Via: the caller MUST give it the next CSeq number and a new
    /// branch before sending (RFC 3261 §22.2, §8.1.3.5).
    case retry(SIPRequest)
    /// Authentication cannot succeed; report the reason to the user.
    case failed(AuthFailure)
    /// Not a 401/407 (a 2xx is still read for `nextnonce`).
    case notAChallenge
}

/// Why authentication failed. Descriptions name realms, algorithms and schemes, never a
/// password.
public enum AuthFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider has no credentials for any challenged realm.
    case noCredentials(realms: [String])
    /// The server challenged again after our answer, without `stale=true`: wrong user
    /// name or password. At most one retry per nonce leads here, never a loop.
    case rejected(realm: String)
    /// Every Digest challenge asked for an algorithm or qop we do not support.
    case unsupported(algorithms: [String], qopOptions: [String])
    /// No Digest challenge: only other schemes, or none at all.
    case noDigestChallenge(schemes: [String])
    /// The challenge header could not be parsed.
    case malformedChallenge(SIPParseError)

    public var description: String {
        switch self {
        case .noCredentials(let realms):
            "no credentials for realm \(realms.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .rejected(let realm):
            "credentials for realm \"\(realm)\" rejected (wrong user name or password)"
        case .unsupported(let algorithms, let qop):
            "unsupported digest "
                + ([algorithms.isEmpty ? nil : "algorithm \(algorithms.joined(separator: ", "))",
                    qop.isEmpty ? nil : "qop \(qop.joined(separator: ", "))"]
                    .compactMap { $0 }.joined(separator: " and "))
        case .noDigestChallenge(let schemes):
            schemes.isEmpty
                ? "challenge without a Digest scheme"
                : "unsupported authentication scheme \(schemes.joined(separator: ", "))"
        case .malformedChallenge(let error):
            "malformed challenge: \(error)"
        }
    }
}
