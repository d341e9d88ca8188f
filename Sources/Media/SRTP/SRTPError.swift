import CSRTP

/// Why an SRTP operation failed. The media path counts these per packet; none of them
/// is a reason to stop a call on its own.
public enum SRTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The authentication tag did not match: tampered, wrong key, or not SRTP at all.
    case authenticationFailed
    /// A packet index already seen or too old for the replay window.
    case replayed
    /// Too short for its header and trailer, or longer than the buffer.
    case badLength(Int)
    /// Not a well-formed RTP/RTCP header (version, CSRC count, extension length).
    case malformedPacket
    /// The buffer has no room for the trailer: `needed` bytes of capacity in all.
    case insufficientCapacity(needed: Int)
    /// The master key or salt has the wrong length for the suite.
    case badKeyLength(suite: SRTPSuite, expected: Int, got: Int)
    /// This libsrtp2 build cannot do the suite.
    case unsupportedSuite(SRTPSuite)
    /// The key reached its usage limit (2^48 packets); re-key.
    case keyExpired
    /// Another libsrtp2 status code.
    case library(status: UInt32)
    /// libsrtp2 is not installed or not usable (loaded on first use): which package to install.
    case libraryUnavailable(String)

    public var description: String {
        switch self {
        case .authenticationFailed: "SRTP authentication failed"
        case .replayed: "SRTP replayed packet"
        case .badLength(let n): "SRTP packet of bad length \(n)"
        case .malformedPacket: "malformed RTP/RTCP header"
        case .insufficientCapacity(let n): "SRTP buffer too small: \(n) bytes needed"
        case .badKeyLength(let s, let e, let g): "\(s.rawValue) needs \(e) bytes of key and salt, got \(g)"
        case .unsupportedSuite(let s): "\(s.rawValue) is not supported by this libsrtp2"
        case .keyExpired: "SRTP key expired"
        case .library(let status): "libsrtp2 error \(status)"
        case .libraryUnavailable(let reason): reason
        }
    }

    /// Maps a libsrtp2 status; nil for success.
    init?(status: srtp_err_status_t) {
        switch status {
        case srtp_err_status_ok: return nil
        case srtp_err_status_auth_fail: self = .authenticationFailed
        case srtp_err_status_replay_fail, srtp_err_status_replay_old: self = .replayed
        case srtp_err_status_bad_param, srtp_err_status_parse_err: self = .malformedPacket
        case srtp_err_status_key_expired: self = .keyExpired
        default: self = .library(status: status.rawValue)
        }
    }
}
