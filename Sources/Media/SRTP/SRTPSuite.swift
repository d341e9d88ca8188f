import CSRTP

/// An SRTP crypto suite as named in SDES `a=crypto` lines (RFC 4568 §6.2, RFC 6188,
/// RFC 7714 §12). Each fixes the master key and salt lengths and what `protect` adds.
public enum SRTPSuite: String, CaseIterable, Hashable, Sendable {
    case aesCM128HMACSHA1_80 = "AES_CM_128_HMAC_SHA1_80"
    case aesCM128HMACSHA1_32 = "AES_CM_128_HMAC_SHA1_32"
    case aes256CMHMACSHA1_80 = "AES_256_CM_HMAC_SHA1_80"
    case aes256CMHMACSHA1_32 = "AES_256_CM_HMAC_SHA1_32"
    case aeadAES128GCM = "AEAD_AES_128_GCM"
    case aeadAES256GCM = "AEAD_AES_256_GCM"

    /// Master key length in bytes.
    public var keyLength: Int {
        switch self {
        case .aesCM128HMACSHA1_80, .aesCM128HMACSHA1_32, .aeadAES128GCM: 16
        case .aes256CMHMACSHA1_80, .aes256CMHMACSHA1_32, .aeadAES256GCM: 32
        }
    }

    /// Master salt length in bytes: 112 bits for counter mode, 96 for GCM (RFC 7714 §12).
    public var saltLength: Int { isAEAD ? 12 : 14 }

    /// `keyLength + saltLength`: the bytes behind `inline:` in SDES.
    public var keySaltLength: Int { keyLength + saltLength }

    public var isAEAD: Bool { self == .aeadAES128GCM || self == .aeadAES256GCM }

    /// Bytes `protect` appends to an RTP packet: the authentication tag (10 or 4 bytes for
    /// HMAC-SHA1-80/32, 16 for GCM). No MKI is ever sent.
    public var rtpTrailerLength: Int {
        switch self {
        case .aesCM128HMACSHA1_80, .aes256CMHMACSHA1_80: 10
        case .aesCM128HMACSHA1_32, .aes256CMHMACSHA1_32: 4
        case .aeadAES128GCM, .aeadAES256GCM: 16
        }
    }

    /// Bytes `protectRTCP` appends: the 4-byte E flag and SRTCP index, then the tag. The
    /// `_32` suites still use an 80-bit tag for SRTCP (RFC 4568 §6.2.2, RFC 6188 §3).
    public var rtcpTrailerLength: Int { 4 + (isAEAD ? 16 : 10) }

    /// The largest trailer of any suite: a buffer with this much room past the packet
    /// fits whatever suite is negotiated.
    public static let maximumTrailerLength = 20

    /// True when the linked libsrtp2 can build a context for this suite (GCM needs a
    /// crypto backend: OpenSSL, NSS or mbedTLS). Tried once per suite, then remembered.
    public var isSupported: Bool { supportedSuites.contains(self) }

    /// The suites this libsrtp2 build supports, in `allCases` order.
    public static var supported: [SRTPSuite] { allCases.filter(\.isSupported) }

    /// Fills libsrtp's crypto policies for RTP and RTCP.
    func setPolicies(rtp: inout srtp_crypto_policy_t, rtcp: inout srtp_crypto_policy_t, using srtp: SRTPLibrary) {
        switch self {
        case .aesCM128HMACSHA1_80:
            srtp.crypto_policy_set_rtp_default(&rtp)
            srtp.crypto_policy_set_rtcp_default(&rtcp)
        case .aesCM128HMACSHA1_32:
            srtp.crypto_policy_set_aes_cm_128_hmac_sha1_32(&rtp)
            srtp.crypto_policy_set_rtcp_default(&rtcp)
        case .aes256CMHMACSHA1_80:
            srtp.crypto_policy_set_aes_cm_256_hmac_sha1_80(&rtp)
            srtp.crypto_policy_set_aes_cm_256_hmac_sha1_80(&rtcp)
        case .aes256CMHMACSHA1_32:
            srtp.crypto_policy_set_aes_cm_256_hmac_sha1_32(&rtp)
            srtp.crypto_policy_set_aes_cm_256_hmac_sha1_80(&rtcp)
        case .aeadAES128GCM:
            srtp.crypto_policy_set_aes_gcm_128_16_auth(&rtp)
            srtp.crypto_policy_set_aes_gcm_128_16_auth(&rtcp)
        case .aeadAES256GCM:
            srtp.crypto_policy_set_aes_gcm_256_16_auth(&rtp)
            srtp.crypto_policy_set_aes_gcm_256_16_auth(&rtcp)
        }
    }
}

/// Lazily built once (Swift globals are initialised exactly once, thread-safely): a suite
/// is supported when `srtp_create` accepts a policy for it.
private let supportedSuites: Set<SRTPSuite> = {
    var found: Set<SRTPSuite> = []
    for suite in SRTPSuite.allCases {
        let zero = [UInt8](repeating: 0, count: suite.keySaltLength)
        if let key = try? SRTPMasterKey(suite: suite, keySalt: zero),
           (try? SRTPSession(key: key, direction: .outbound, replayWindow: 128)) != nil {
            found.insert(suite)
        }
    }
    return found
}()
