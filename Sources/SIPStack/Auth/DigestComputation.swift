import Hashing
import SIPMessage

/// The Digest hashes of RFC 7616 §3.4.1–§3.4.4 (RFC 2617 for qop, RFC 2069 without it),
/// for one algorithm. Strings are hashed as UTF-8 (RFC 7616 §4, `charset=UTF-8`);
/// digests are lower-case hex.
public struct DigestComputation: Sendable, Hashable {
    /// The algorithm as challenged (MD5, MD5-sess, SHA-256 or SHA-256-sess).
    public let algorithm: DigestAlgorithm
    private let function: HashFunction

    private enum HashFunction { case md5, sha256, sha512_256 }

    /// nil for an algorithm name this does not know.
    public init?(algorithm: DigestAlgorithm) {
        switch algorithm {
        case .md5, .md5Sess: function = .md5
        case .sha256, .sha256Sess: function = .sha256
        case .sha512_256, .sha512_256Sess: function = .sha512_256
        case .other: return nil
        }
        self.algorithm = algorithm
    }

    /// The hex digest of `bytes`.
    public func hash(_ bytes: [UInt8]) -> String {
        switch function {
        case .md5: Self.hex(MD5.hash(bytes))
        case .sha256: Self.hex(SHA256.hash(bytes))
        case .sha512_256: Self.hex(SHA512_256.hash(bytes))
        }
    }

    /// The hex digest of the UTF-8 of `text`.
    public func hash(_ text: String) -> String { hash(Array(text.utf8)) }

    /// H(A1): `H(user:realm:password)`, and for -sess variants
    /// `H(H(user:realm:password):nonce:cnonce)` (RFC 7616 §3.4.2).
    public func ha1(username: String, realm: String, password: String, nonce: String, cnonce: String?) -> String {
        let base = hash("\(username):\(realm):\(password)")
        guard algorithm.isSession else { return base }
        return hash("\(base):\(nonce):\(cnonce ?? "")")
    }

    /// H(A2): `H(method:uri)`, or `H(method:uri:H(body))` for auth-int (RFC 7616 §3.4.3).
    public func ha2(method: String, uri: String, qop: DigestQop?, body: [UInt8]) -> String {
        if qop == .authInt { return hash("\(method):\(uri):\(hash(body))") }
        return hash("\(method):\(uri)")
    }

    /// The request digest: `H(HA1:nonce:nc:cnonce:qop:HA2)` with a qop,
    /// `H(HA1:nonce:HA2)` without (RFC 2069).
    public func response(ha1: String, nonce: String, nonceCount: UInt32, cnonce: String, qop: DigestQop?, ha2: String) -> String {
        guard let qop else { return hash("\(ha1):\(nonce):\(ha2)") }
        let nc = DigestCredentials.formatNonceCount(nonceCount)
        return hash("\(ha1):\(nonce):\(nc):\(cnonce):\(qop.rawValue):\(ha2)")
    }

    /// The hashed user name sent when the challenge asks for `userhash=true`:
    /// `H(user:realm)` (RFC 7616 §3.4.4).
    public func userhash(username: String, realm: String) -> String { hash("\(username):\(realm)") }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
