import SDP

/// SDES key exchange (RFC 4568): our `a=crypto` lines with fresh keys, and the peer's
/// inline keys decoded and checked.
public enum SDES {
    /// What we offer, best first: the suite everyone does, then AEAD, then the rest.
    /// Suites this libsrtp2 lacks are left out.
    public static var preferredSuites: [SRTPSuite] {
        [.aesCM128HMACSHA1_80, .aeadAES128GCM, .aes256CMHMACSHA1_80, .aesCM128HMACSHA1_32]
            .filter(\.isSupported)
    }

    /// A fresh master key and salt for `suite` from the kernel's CSPRNG: Swift's
    /// `SystemRandomNumberGenerator` is `getrandom(2)` on Linux (`/dev/urandom` before 3.17).
    public static func generateKey(_ suite: SRTPSuite) -> SRTPMasterKey {
        var system = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(suite.keySaltLength + 8)
        while bytes.count < suite.keySaltLength {
            withUnsafeBytes(of: system.next() as UInt64) { bytes += $0 }
        }
        // The lengths match the suite by construction.
        let key = bytes[..<suite.keySaltLength]
        return SRTPMasterKey(unchecked: suite, key: Array(key.prefix(suite.keyLength)), salt: Array(key.dropFirst(suite.keyLength)))
    }

    /// New `a=crypto` lines, one per suite, each with its own fresh key, tagged 1, 2, 3…
    /// Call it for every offer and answer we build (including re-INVITEs), so a new
    /// negotiation never reuses a key (RFC 4568 §7.1.4).
    public static func newCryptoAttributes(suites: [SRTPSuite] = SDES.preferredSuites) -> [CryptoAttribute] {
        suites.enumerated().map { cryptoAttribute(tag: UInt32($0.offset + 1), key: generateKey($0.element)) }
    }

    /// `a=crypto:<tag> <suite> inline:<key||salt>`, with no lifetime and no MKI.
    public static func cryptoAttribute(tag: UInt32, key: SRTPMasterKey) -> CryptoAttribute {
        CryptoAttribute(tag: tag, suite: key.suite.rawValue,
                        keyParameters: [.init(method: "inline", keySalt: Base64Encoding.encode(key.keySalt))])
    }

    /// The master key carried by a crypto line (ours or the peer's), refused with a reason
    /// the user can read when we cannot use it.
    public static func masterKey(from line: CryptoAttribute) throws(SRTPRefusal) -> SRTPMasterKey {
        guard let suite = SRTPSuite(rawValue: line.suite), suite.isSupported else {
            throw .unsupportedSuite(line.suite)
        }
        for parameter in line.sessionParameters where !acceptable(sessionParameter: parameter) {
            throw .unsupportedSessionParameter(parameter)
        }
        guard line.keyParameters.count == 1, let parameter = line.keyParameters.first else {
            throw line.keyParameters.isEmpty ? .invalidKey(suite: line.suite, reason: "no key") : .multipleKeys
        }
        guard parameter.method.lowercased() == "inline" else { throw .unsupportedKeyMethod(parameter.method) }
        guard parameter.mki == nil else { throw .mkiUnsupported }
        if let lifetime = parameter.lifetime, !validLifetime(lifetime) { throw .invalidLifetime(lifetime) }
        guard let bytes = parameter.keySaltBytes else {
            throw .invalidKey(suite: line.suite, reason: "not base64")
        }
        guard let key = try? SRTPMasterKey(suite: suite, keySalt: bytes) else {
            throw .invalidKey(suite: line.suite, reason: "\(bytes.count) bytes, \(suite.keySaltLength) expected")
        }
        return key
    }

    /// Session parameters that do not change what goes on the wire for us: a window-size
    /// hint, FEC order, and a key derivation rate of 0 (the only one libsrtp2 does).
    private static func acceptable(sessionParameter p: String) -> Bool {
        let upper = p.uppercased()
        if upper.hasPrefix("WSH=") || upper.hasPrefix("FEC_ORDER=") { return true }
        if upper.hasPrefix("KDR=") { return p.dropFirst(4) == "0" }
        return false
    }

    /// `2^n` or a decimal packet count (RFC 4568 §6.1).
    private static func validLifetime(_ text: String) -> Bool {
        let digits = text.hasPrefix("2^") ? text.dropFirst(2) : Substring(text)
        return !digits.isEmpty && digits.count <= 20 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
