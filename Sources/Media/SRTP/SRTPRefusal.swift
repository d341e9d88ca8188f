/// Why a stream cannot go ahead under the account's SRTP policy, worded for the user.
/// The engine fails the call (488 Not Acceptable Here, or BYE/CANCEL after an answer).
public enum SRTPRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// Mandatory SRTP and the peer's offer carried no usable `a=crypto` line.
    case peerOfferedNoKey
    /// Mandatory SRTP and the peer's answer carried no `a=crypto` line.
    case peerAnsweredNoKey
    case unsupportedSuite(String)
    /// Our line and the peer's name different suites.
    case suiteMismatch(ours: String, theirs: String)
    /// A key method other than `inline`.
    case unsupportedKeyMethod(String)
    /// Several keys on one line (RFC 4568 §6.1 allows it only with MKIs).
    case multipleKeys
    case mkiUnsupported
    /// Not base64, or the wrong length for the suite.
    case invalidKey(suite: String, reason: String)
    case invalidLifetime(String)
    /// `UNENCRYPTED_SRTP`, `KDR=`… (RFC 4568 §6.3).
    case unsupportedSessionParameter(String)

    public var description: String {
        switch self {
        case .peerOfferedNoKey: "the peer offered no SRTP key and this account requires SRTP"
        case .peerAnsweredNoKey: "the peer answered without an SRTP key and this account requires SRTP"
        case .unsupportedSuite(let s): "unsupported crypto suite \(s)"
        case .suiteMismatch(let ours, let theirs): "crypto suite mismatch: we offered \(ours), the peer answered \(theirs)"
        case .unsupportedKeyMethod(let m): "unsupported SRTP key method \(m)"
        case .multipleKeys: "SRTP key line with several keys is not supported"
        case .mkiUnsupported: "SRTP master key identifiers (MKI) are not supported"
        case .invalidKey(let s, let why): "invalid \(s) key: \(why)"
        case .invalidLifetime(let l): "invalid SRTP key lifetime \(l)"
        case .unsupportedSessionParameter(let p): "unsupported SRTP session parameter \(p)"
        }
    }
}
