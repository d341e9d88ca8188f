/// The numbers a registration runs by. Production uses the defaults; tests shrink them.
public struct RegistrationPolicy: Sendable, Equatable {
    /// The binding lifetime asked for, in seconds (raised by a 423's Min-Expires).
    public var expires: Int
    /// Back-off after the first failure: a wait between 50 % and 100 % of
    /// `backoffBase · 2^failures`, at most `backoffCap` (RFC 5626 §4.5).
    public var backoffBase: Duration
    public var backoffCap: Duration
    /// Refresh at a random point in this share of the granted lifetime…
    public var refreshWindow: ClosedRange<Double>
    /// …and never later than this many seconds before the binding expires.
    public var refreshMargin: Int
    /// How many challenges one attempt answers (a stale nonce may cost one extra round).
    public var maxChallenges: Int
    /// A Min-Expires above this is not obeyed (a hostile or broken registrar).
    public var maxExpires: Int

    public init(expires: Int = 600, backoffBase: Duration = .seconds(30), backoffCap: Duration = .seconds(1800),
                refreshWindow: ClosedRange<Double> = 0.8...0.9, refreshMargin: Int = 5, maxChallenges: Int = 2,
                maxExpires: Int = 86_400) {
        self.expires = expires
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.refreshWindow = refreshWindow
        self.refreshMargin = refreshMargin
        self.maxChallenges = maxChallenges
        self.maxExpires = maxExpires
    }
}
