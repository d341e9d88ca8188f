/// Where one account's registration stands, as the UI shows it.
public enum RegistrationState: Sendable, Equatable {
    /// Not registered and not trying (never started, unregistered, or a local account).
    case unregistered
    /// The first REGISTER (or one after a failure) is out.
    case registering
    /// The registrar accepted the binding for `expires` seconds.
    case registered(expires: Int)
    /// A refresh REGISTER is out; the binding still holds.
    case refreshing(expires: Int)
    /// REGISTER with expires=0 is out.
    case unregistering
    /// The last attempt failed. `retryIn` is when the next attempt starts; `nil` means
    /// pipit stopped trying (403 Forbidden, wrong password): the user must act.
    case failed(reason: String, code: Int?, retryIn: Duration?)
}
