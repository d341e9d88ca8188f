/// What the machine asks its driver to do.
public enum RegistrationAction: Sendable, Equatable {
    /// Send a REGISTER (after cancelling any earlier one still out: its outcome no longer counts).
    case send(RegisterPlan)
    case startTimer(RegistrationTimer, after: Duration)
    case cancelTimer(RegistrationTimer)
    /// The state the UI shows changed.
    case report(RegistrationState)
    /// A `stop` has finished (unregistered, or gave up trying).
    case stopped
}

/// The REGISTER to send, in the machine's terms.
public struct RegisterPlan: Sendable, Equatable {
    /// Our Contact; with `expires == 0` it is being removed.
    public var contact: ContactAddress
    public var expires: Int
    /// An older contact of ours to remove in the same request (`expires=0`), after a NAT
    /// rebinding moved us.
    public var removing: ContactAddress?
    /// Resend the request DigestClient answered the last challenge with (new CSeq), rather
    /// than a fresh one.
    public var answeringChallenge: Bool

    public init(contact: ContactAddress, expires: Int, removing: ContactAddress? = nil, answeringChallenge: Bool = false) {
        self.contact = contact
        self.expires = expires
        self.removing = removing
        self.answeringChallenge = answeringChallenge
    }
}
