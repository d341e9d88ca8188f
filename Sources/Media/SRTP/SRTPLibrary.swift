import Audio
import CSRTP

/// The libsrtp2 functions pipit calls, resolved from `libsrtp2.so.1` by the first SRTP
/// session (or the first look at which suites work) and kept for the life of the process:
/// Debian's libsrtp2 loads NSS (libnss3, libnssutil3, libnspr4), which a phone that is
/// idle, or calls without SRTP, never needs. Its static `libsrtp2.a` needs NSS too. Each
/// field is the C function without its `srtp_` prefix, with the header's own signature.
final class SRTPLibrary: @unchecked Sendable {  // immutable C function pointers
    let create: srtp_create_fn
    let dealloc: srtp_dealloc_fn
    let protect: srtp_protect_fn
    let unprotect: srtp_unprotect_fn
    let protect_rtcp: srtp_protect_rtcp_fn
    let unprotect_rtcp: srtp_unprotect_rtcp_fn
    let crypto_policy_set_rtp_default: srtp_crypto_policy_set_rtp_default_fn
    let crypto_policy_set_rtcp_default: srtp_crypto_policy_set_rtcp_default_fn
    let crypto_policy_set_aes_cm_128_hmac_sha1_32: srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32_fn
    let crypto_policy_set_aes_cm_256_hmac_sha1_80: srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80_fn
    let crypto_policy_set_aes_cm_256_hmac_sha1_32: srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32_fn
    let crypto_policy_set_aes_gcm_128_16_auth: srtp_crypto_policy_set_aes_gcm_128_16_auth_fn
    let crypto_policy_set_aes_gcm_256_16_auth: srtp_crypto_policy_set_aes_gcm_256_16_auth_fn
    /// What `srtp_init` said: it runs once, right after loading; every session checks it.
    let initStatus: srtp_err_status_t

    /// Loaded once (Swift initialises a global once, thread-safely); a failure is kept and
    /// reported on every use.
    private static let loaded = Result { () throws(SharedLibraryError) in
        try SRTPLibrary(SharedLibrary("libsrtp2.so.1", package: "libsrtp2-1"))
    }

    /// The functions, or `SRTPError.libraryUnavailable` saying which package to install.
    static func load() throws(SRTPError) -> SRTPLibrary {
        do {
            return try loaded.get()
        } catch {
            throw .libraryUnavailable(error.description)
        }
    }

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        create = try library.function("srtp_create")
        dealloc = try library.function("srtp_dealloc")
        protect = try library.function("srtp_protect")
        unprotect = try library.function("srtp_unprotect")
        protect_rtcp = try library.function("srtp_protect_rtcp")
        unprotect_rtcp = try library.function("srtp_unprotect_rtcp")
        crypto_policy_set_rtp_default = try library.function("srtp_crypto_policy_set_rtp_default")
        crypto_policy_set_rtcp_default = try library.function("srtp_crypto_policy_set_rtcp_default")
        crypto_policy_set_aes_cm_128_hmac_sha1_32 = try library.function("srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32")
        crypto_policy_set_aes_cm_256_hmac_sha1_80 = try library.function("srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80")
        crypto_policy_set_aes_cm_256_hmac_sha1_32 = try library.function("srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32")
        crypto_policy_set_aes_gcm_128_16_auth = try library.function("srtp_crypto_policy_set_aes_gcm_128_16_auth")
        crypto_policy_set_aes_gcm_256_16_auth = try library.function("srtp_crypto_policy_set_aes_gcm_256_16_auth")
        let initialise: srtp_init_fn = try library.function("srtp_init")
        initStatus = initialise()
    }
}
