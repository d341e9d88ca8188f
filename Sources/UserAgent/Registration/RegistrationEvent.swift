/// What a registration machine reacts to. Events that may lead to a random wait carry
/// `jitter`, a number in 0…1 the driver draws, so the machine itself stays deterministic.
public enum RegistrationEvent: Sendable, Equatable {
    /// Register `contact` (the local address the stack sends from).
    case start(contact: ContactAddress)
    /// Register now (the user asked), whatever the refresh timer says.
    case refresh
    /// Unregister and stay unregistered.
    case stop
    /// The outcome of the REGISTER last asked for.
    case reply(RegistrationReply, jitter: Double)
    case timerFired(RegistrationTimer)
    /// The connection the registration used went down (TCP/TLS, or a keep-alive failed).
    case flowFailed
    /// The local address to register, looked up again before a retry: it takes effect only
    /// while the registrar holds no binding of ours and no NAT move happened.
    case addressChanged(ContactAddress)
    /// Our own interface address moved (a network change): register `ContactAddress` at
    /// once, removing the binding we held, instead of waiting for the refresh.
    case moved(ContactAddress)
}

/// A REGISTER's outcome, read by the driver from the final response (or its absence).
public enum RegistrationReply: Sendable, Equatable {
    /// 2xx. `granted` is the lifetime of our binding (our Contact's `expires`, else the
    /// Expires header; nil when the registrar said neither). `natAddress` is where the
    /// registrar saw the request come from (Via `received`/`rport`) when that is not
    /// where we said we sent it from.
    case accepted(granted: Int?, natAddress: ContactAddress?)
    /// 401/407. `canRetry`: DigestClient built an answer; otherwise `reason` says why not
    /// (a wrong password, no credentials for the realm, an unsupported algorithm).
    case challenged(code: Int, canRetry: Bool, reason: String)
    /// 423 Interval Too Brief, with the Min-Expires value if it had a readable one.
    case intervalTooBrief(minExpires: Int?)
    /// Any other final response.
    case rejected(code: Int, reason: String, retryAfter: Int?)
    /// No final response: time-out or transport error on every target.
    case noResponse(reason: String)
}

/// The machine's timers; the driver arms and cancels them and feeds back `timerFired`.
public enum RegistrationTimer: Sendable, Hashable {
    /// Time to refresh the binding.
    case refresh
    /// The back-off after a failure is over.
    case retry
}
