/// How many captured frames the media loop waits for before it wakes: PulseAudio hands a
/// 20 ms fragment over as two 10 ms pieces about a millisecond apart, and waking for each
/// costs a wake-up per piece; waiting for the pair costs the first frame that millisecond.
/// Learnt from the capture ring's rings: two rings less than `pairGap` apart mean pairs.
/// A pair that does not complete by its deadline (the device now delivers single frames)
/// goes back to waiting for one. Pure: the loop passes the times in.
struct CaptureBurst {
    /// Rings closer than this are one delivery.
    static let pairGap = Duration.milliseconds(4)
    /// How long past a pair's due time the loop waits for its second frame.
    static let lateMargin = Duration.milliseconds(4)

    /// Frames to wait for: 1 or 2.
    private(set) var frames = 1
    private var lastRing: ContinuousClock.Instant?

    /// The armed ring rang at `now`.
    mutating func rang(at now: ContinuousClock.Instant) {
        if frames == 1, let lastRing, lastRing.duration(to: now) < Self.pairGap { frames = 2 }
        lastRing = now
    }

    /// The loop woke without a ring, past `deadline(after:)`, and found `ready` frames:
    /// fewer than it waited for means the device no longer delivers pairs.
    mutating func expired(ready: Int) {
        guard frames > 1, ready < frames else { return }
        frames = 1
        lastRing = nil
    }

    /// When to stop waiting for a whole burst, counted from the last tick.
    func deadline(after lastTick: ContinuousClock.Instant) -> ContinuousClock.Instant {
        lastTick + MediaEngine.tick * frames + Self.lateMargin
    }
}
