/// Why a TURN request failed, worded for the user (never with the password).
public enum TURNFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// 401 after credentials were sent, or 441.
    case wrongCredentials(username: String, realm: String)
    /// 403: the server's policy refuses this request (e.g. a peer address it will not relay to).
    case forbidden(reason: String)
    /// 437: the server has no allocation for this 5-tuple (or already has one on Allocate).
    case allocationMismatch
    /// 486: this user has too many allocations.
    case quotaReached
    /// 508: the server has no relay ports or bandwidth left.
    case insufficientCapacity
    /// 442: the server does not relay UDP.
    case unsupportedTransport
    /// 440: the server cannot give an address of the requested family.
    case addressFamilyNotSupported
    /// 300: the server redirects elsewhere.
    case tryAlternate(TransportAddress?)
    /// 438 again and again: the server keeps rejecting fresh nonces.
    case staleNonceLoop
    /// No response to a request after the full retransmission schedule.
    case timeout(method: STUNMethod)
    case errorResponse(code: Int, reason: String)
    /// A success response missing what it must carry.
    case malformedResponse(String)
    /// All 4,096 channel numbers are in use.
    case noChannelsLeft

    public var description: String {
        switch self {
        case .wrongCredentials(let username, let realm):
            "TURN allocation refused: wrong credentials (user \(username), realm \(realm))"
        case .forbidden(let reason): "TURN server forbids the request (403\(reason.isEmpty ? "" : " \(reason)"))"
        case .allocationMismatch: "TURN allocation mismatch (437): the server lost or already has this allocation"
        case .quotaReached: "TURN allocation refused: quota reached for this user (486)"
        case .insufficientCapacity: "TURN server is out of capacity (508)"
        case .unsupportedTransport: "TURN server does not relay UDP (442)"
        case .addressFamilyNotSupported: "TURN server cannot relay this address family (440)"
        case .tryAlternate(let server): "TURN server redirects to \(server.map { "\($0)" } ?? "another server") (300)"
        case .staleNonceLoop: "TURN server keeps rejecting its own nonces (438)"
        case .timeout(let method): "TURN server did not answer (\(method) timed out)"
        case .errorResponse(let code, let reason): "TURN request refused: \(code) \(reason)"
        case .malformedResponse(let what): "TURN server sent a malformed response: \(what)"
        case .noChannelsLeft: "no TURN channel numbers left"
        }
    }

    /// The failure an error response means, given the user and realm that were sent.
    static func from(code: Int, reason: String, message: STUNMessage, username: String, realm: String?) -> TURNFailure {
        switch code {
        case 300: .tryAlternate(message.first { if case .alternateServer(let a) = $0 { a } else { nil } })
        case 401, 441: .wrongCredentials(username: username, realm: realm ?? message.realm ?? "")
        case 403: .forbidden(reason: reason)
        case 437: .allocationMismatch
        case 438: .staleNonceLoop
        case 440: .addressFamilyNotSupported
        case 442: .unsupportedTransport
        case 486: .quotaReached
        case 508: .insufficientCapacity
        default: .errorResponse(code: code, reason: reason)
        }
    }
}
