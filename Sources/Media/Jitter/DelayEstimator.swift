/// Estimates how long packets must wait so that nearly all arrive in time.
///
/// Like NetEq's delay manager, it looks at the *relative* delay of each packet: its
/// transit time (arrival minus send time by its timestamp) minus the smallest transit
/// time seen within a recent window. The window minimum follows clock drift and route
/// changes; the relative delays go into a histogram that forgets exponentially, and the
/// target is a high quantile of it plus a margin, clamped to [min, max]. The target rises
/// at once when jitter appears and falls slowly (a bounded rate) when it goes away.
/// All storage is allocated at init.
public struct DelayEstimator: Sendable {
    public struct Settings: Sendable, Equatable {
        public var minDelayMs: Int
        public var maxDelayMs: Int
        public var quantile: Double
        public var marginMs: Int
        public var forgetFactor: Double
        public var fallMsPerSecond: Int
        public var windowMs: Int

        public init(minDelayMs: Int = 20, maxDelayMs: Int = 500, quantile: Double = 0.97, marginMs: Int = 5,
                    forgetFactor: Double = 0.995, fallMsPerSecond: Int = 10, windowMs: Int = 2000) {
            self.minDelayMs = minDelayMs
            self.maxDelayMs = max(maxDelayMs, minDelayMs)
            self.quantile = quantile
            self.marginMs = marginMs
            self.forgetFactor = forgetFactor
            self.fallMsPerSecond = fallMsPerSecond
            self.windowMs = windowMs
        }
    }

    private static let bucketMs = 1.0
    private static let dequeCapacity = 512

    public let settings: Settings
    /// Histogram of relative delays, one bucket per millisecond up to `maxDelayMs`.
    /// Weights are unnormalised: each new packet weighs `1/forgetFactor` times the one
    /// before (the same as multiplying all old ones by the factor, in O(1)), and the
    /// whole is rescaled now and then.
    private var histogram: [Double]
    private var total = 0.0
    private var weight = 1.0
    private var top = 0
    private var sinceRescale = 0
    /// Sliding-window minimum of transit times: a ring used as a deque whose transits
    /// increase from front to back.
    private var dequeArrival: [Int]
    private var dequeTransit: [Double]
    private var front = 0
    private var length = 0
    private var minimumTransit: Double?
    private var target: Double
    private var lastUpdate: Int?

    public init(settings: Settings = Settings()) {
        self.settings = settings
        histogram = [Double](repeating: 0, count: settings.maxDelayMs + 1)
        dequeArrival = [Int](repeating: 0, count: Self.dequeCapacity)
        dequeTransit = [Double](repeating: 0, count: Self.dequeCapacity)
        target = Double(settings.minDelayMs)
    }

    /// The target delay in milliseconds.
    public var targetDelayMs: Int { Int(target.rounded(.up)) }

    /// The `quantile` point of recent relative delays (the jitter to cover), without the
    /// margin and bounds of the target.
    public var jitterQuantileMs: Double { quantileMs() }

    /// The smallest transit time (arrival ms minus timestamp ms) in the window; nil
    /// before the first packet.
    public var minimumTransitMs: Double? { minimumTransit }

    /// Records one packet: `arrival` in ms, `timestampMs` its (unwrapped) RTP timestamp
    /// converted to ms. Returns its relative delay in ms.
    @discardableResult
    public mutating func update(arrival: Int, timestampMs: Double) -> Double {
        let transit = Double(arrival) - timestampMs
        pushTransit(transit, arrival: arrival)
        let relative = max(transit - (minimumTransit ?? transit), 0)

        let bucket = Int(min(relative / Self.bucketMs, Double(histogram.count - 1)))
        histogram[bucket] += weight
        total += weight
        top = max(top, bucket)
        weight /= settings.forgetFactor
        sinceRescale += 1
        if weight > 1e100 || sinceRescale >= 256 { rescale() }

        let wanted = min(max(quantileMs() + Double(settings.marginMs), Double(settings.minDelayMs)), Double(settings.maxDelayMs))
        if wanted >= target {
            target = wanted
        } else if let lastUpdate {
            let elapsed = Double(max(arrival - lastUpdate, 0)) / 1000
            target = max(wanted, target - elapsed * Double(settings.fallMsPerSecond))
        }
        lastUpdate = arrival
        return relative
    }

    /// Relative delay a packet with this arrival and timestamp would have (no update).
    public func relativeDelay(arrival: Int, timestampMs: Double) -> Double {
        let transit = Double(arrival) - timestampMs
        return max(transit - (minimumTransit ?? transit), 0)
    }

    /// Forgets everything after the receiver stalled: the burst of packets read at once
    /// afterwards looks like a second of network jitter, and learning it would hold the
    /// target near the maximum (it falls 10 ms a second) long after the stall. The
    /// network's real jitter is learned again from the next packets (the target rises at
    /// once). Works in place: no allocation.
    public mutating func forgetStall() {
        for i in histogram.indices { histogram[i] = 0 }
        total = 0
        weight = 1
        top = 0
        sinceRescale = 0
        target = Double(settings.minDelayMs)
        lastUpdate = nil
        resetReference()
    }

    /// Forgets the timing reference (new SSRC: new timestamps) but keeps what was
    /// learned about the network's jitter.
    public mutating func resetReference() {
        front = 0
        length = 0
        minimumTransit = nil
    }

    private mutating func pushTransit(_ transit: Double, arrival: Int) {
        let capacity = Self.dequeCapacity
        while length > 0, dequeTransit[(front + length - 1) % capacity] >= transit { length -= 1 }
        if length == capacity {
            front = (front + 1) % capacity
            length -= 1
        }
        let back = (front + length) % capacity
        dequeArrival[back] = arrival
        dequeTransit[back] = transit
        length += 1
        while length > 1, arrival - dequeArrival[front] > settings.windowMs {
            front = (front + 1) % capacity
            length -= 1
        }
        minimumTransit = dequeTransit[front]
    }

    /// Brings the weights back to a normalised scale and forgets negligible buckets,
    /// so that the quantile walk starts near the real top.
    private mutating func rescale() {
        let scale = 1 / weight
        // Buckets this light cannot move the quantile by more than 0.05 %.
        let negligible = 1e-6 * total * scale
        total = 0
        var newTop = 0
        for i in histogram.indices {
            var w = histogram[i] * scale
            if w < negligible { w = 0 } else { newTop = i }
            histogram[i] = w
            total += w
        }
        top = newTop
        weight = 1
        sinceRescale = 0
    }

    /// The `quantile` point of the histogram, walking down from the top (the tail is
    /// short, so this is a few steps).
    private func quantileMs() -> Double {
        guard total > 0 else { return 0 }
        let tail = (1 - settings.quantile) * total
        var sum = 0.0
        var i = top
        while i > 0 {
            sum += histogram[i]
            if sum > tail { break }
            i -= 1
        }
        return Double(i + 1) * Self.bucketMs
    }
}
