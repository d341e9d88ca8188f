extension CallEnd {
    /// A final response to our INVITE as the reason a person reads (RFC 3261 §21).
    public static func fromStatus(_ code: Int, _ phrase: String) -> CallEnd {
        let reason: Reason = switch code {
        case 486, 600: .busy
        case 603, 607, 608: .declined
        case 404, 604, 410, 484: .notFound
        case 408, 480: .timeout
        case 487: .cancelled
        case 300..<400: .redirected
        case 500..<600: .unavailable
        case 403, 401, 407: .rejected
        default: .failed
        }
        return CallEnd(reason, code: code, detail: phrase.isEmpty ? nil : phrase)
    }
}
