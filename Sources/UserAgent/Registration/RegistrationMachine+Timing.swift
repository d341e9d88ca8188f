extension RegistrationMachine {
    /// RFC 5626 §4.5: `min(cap, base · 2^failures)`, then a random 50–100 % of that.
    public func backoffDelay(failures: Int, jitter: Double) -> Duration {
        let exponent = min(max(failures, 0), 30)  // 2^30 · base is past any cap
        let full = min(policy.backoffBase * (1 << exponent), policy.backoffCap)
        return full * (0.5 + 0.5 * Self.clamp(jitter))
    }

    /// A random point in the refresh window of `granted` seconds, no later than the margin
    /// before expiry, but not pulled by the margin earlier than half the lifetime (very
    /// short grants).
    public func refreshDelay(granted: Int, jitter: Double) -> Duration {
        let window = policy.refreshWindow
        let share = window.lowerBound + (window.upperBound - window.lowerBound) * Self.clamp(jitter)
        let seconds = Double(granted)
        let delay = max(min(seconds * share, seconds - Double(policy.refreshMargin)), min(seconds * share, seconds / 2))
        return .milliseconds(Int64((delay * 1000).rounded()))
    }

    static func clamp(_ jitter: Double) -> Double {
        jitter.isFinite ? min(max(jitter, 0), 1) : 0.5
    }
}
