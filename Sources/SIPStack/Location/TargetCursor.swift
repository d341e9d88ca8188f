/// Targets that failed recently (timeout, transport error, 503), skipped for a while
/// (RFC 3263 §4.3). Keep one per user agent and pass it to each new `TargetCursor`.
public struct FailedTargets: Sendable {
    /// How long a failure is remembered.
    public var holdTime: Duration
    private var until: [SIPTarget: ContinuousClock.Instant] = [:]

    public init(holdTime: Duration = .seconds(60)) {
        self.holdTime = holdTime
    }

    /// Remembers `target` as failed from `now` for `holdTime` (or `duration`, e.g. a Retry-After).
    public mutating func markFailed(_ target: SIPTarget, now: ContinuousClock.Instant, for duration: Duration? = nil) {
        until = until.filter { $0.value > now }  // forget the old ones, so this stays small
        until[target] = now + (duration ?? holdTime)
    }

    public func hasFailed(_ target: SIPTarget, now: ContinuousClock.Instant) -> Bool {
        guard let end = until[target] else { return false }
        return end > now
    }
}

/// Hands out the located targets one by one for failover: first those not failed
/// recently, in order, then (as a last resort, rather than giving up) the ones that had
/// failed before this cursor started. A target that fails through this cursor is not
/// handed out again.
public struct TargetCursor: Sendable {
    public private(set) var failed: FailedTargets
    private let targets: [SIPTarget]
    private var handedOut: Set<SIPTarget> = []

    public init(_ targets: [SIPTarget], failed: FailedTargets = FailedTargets()) {
        self.targets = targets
        self.failed = failed
    }

    /// The next target to try at `now`, or nil when none is left.
    public mutating func next(now: ContinuousClock.Instant) -> SIPTarget? {
        let fresh = targets.first { !handedOut.contains($0) && !failed.hasFailed($0, now: now) }
        guard let target = fresh ?? targets.first(where: { !handedOut.contains($0) }) else { return nil }
        handedOut.insert(target)
        return target
    }

    /// Records that `target` failed; `failed` carries it to later cursors.
    public mutating func markFailed(_ target: SIPTarget, now: ContinuousClock.Instant, for duration: Duration? = nil) {
        failed.markFailed(target, now: now, for: duration)
    }
}
