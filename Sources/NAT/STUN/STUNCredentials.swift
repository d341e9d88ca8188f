import Hashing

/// Keys for STUN integrity (RFC 8489 §9).
public enum STUNCredentials {
    /// Short-term key (ICE): the password itself. OpaqueString (RFC 8265) leaves ASCII
    /// passwords as they are; others are used as given, unnormalised.
    public static func shortTermKey(password: String) -> [UInt8] { Array(password.utf8) }

    /// Long-term key: MD5 (or SHA-256 when PASSWORD-ALGORITHM says so) of
    /// "username:realm:password" (§9.2.2). The password is used as given (no SASLprep).
    public static func longTermKey(username: String, realm: String, password: String,
                                   algorithm: STUNPasswordAlgorithm = .md5) -> [UInt8] {
        let input = Array("\(username):\(realm):\(password)".utf8)
        return algorithm == .sha256 ? SHA256.hash(input) : MD5.hash(input)
    }

    /// USERHASH: SHA-256 of "username:realm" (§14.4).
    public static func userhash(username: String, realm: String) -> [UInt8] {
        SHA256.hash(Array("\(username):\(realm)".utf8))
    }
}
