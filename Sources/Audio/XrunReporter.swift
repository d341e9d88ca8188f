import Synchronization

/// Counts xruns of one stream and reports them as `AudioEvent.xrun` at most once a second,
/// so a stream that keeps running late cannot flood the UI.
final class XrunReporter: Sendable {
    private let direction: AudioDirection
    private let events: AudioEvents
    private let count = Atomic<Int>(0)
    private let lastReport = Atomic<Int64>(Int64.min / 2)

    init(direction: AudioDirection, events: AudioEvents) {
        self.direction = direction
        self.events = events
    }

    var total: Int { count.load(ordering: .relaxed) }

    /// Called on the device thread when the stream ran late (rare by definition); `now`
    /// is the monotonic clock in nanoseconds.
    func record(now: Int64 = MonotonicClock.now()) {
        let total = count.add(1, ordering: .relaxed).newValue
        if now - lastReport.load(ordering: .relaxed) >= 1_000_000_000 {
            lastReport.store(now, ordering: .relaxed)
            events.emit(.xrun(direction, total: total))
        }
    }
}
