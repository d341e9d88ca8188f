#include <srtp2/srtp.h>

/* pipit loads libsrtp2 with dlopen on the first SRTP session (Debian's build pulls in NSS,
   which an idle or unencrypted phone never needs), so nothing links -lsrtp2. These are the
   types of the functions it resolves, taken from the declarations above. */
#define PIPIT_SRTP_FN(name) typedef __typeof__(&name) name##_fn;
PIPIT_SRTP_FN(srtp_init)
PIPIT_SRTP_FN(srtp_create)
PIPIT_SRTP_FN(srtp_dealloc)
PIPIT_SRTP_FN(srtp_protect)
PIPIT_SRTP_FN(srtp_unprotect)
PIPIT_SRTP_FN(srtp_protect_rtcp)
PIPIT_SRTP_FN(srtp_unprotect_rtcp)
PIPIT_SRTP_FN(srtp_crypto_policy_set_rtp_default)
PIPIT_SRTP_FN(srtp_crypto_policy_set_rtcp_default)
PIPIT_SRTP_FN(srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32)
PIPIT_SRTP_FN(srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80)
PIPIT_SRTP_FN(srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32)
PIPIT_SRTP_FN(srtp_crypto_policy_set_aes_gcm_128_16_auth)
PIPIT_SRTP_FN(srtp_crypto_policy_set_aes_gcm_256_16_auth)
#undef PIPIT_SRTP_FN
