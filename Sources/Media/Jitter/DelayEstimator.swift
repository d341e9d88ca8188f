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
    private static let ringCapacity = 512

    public let settings: Settings
    /// Histogram of relative delays, one bucket per millisecond up to `maxDelayMs`.
    private var histogram: [Double]
    /// Recent (arrival, transit) pairs for the window minimum.
    private var ringArrival: [Int]
    private var ringTransit: [Double]
    private var ringNext = 0
    private var ringCount = 0
    private var minimumTransit: Double?
    private var target: Double
    private var lastUpdate: Int?

    public init(settings: Settings = Settings()) {
        self.settings = settings
        histogram = [Double](repeating: 0, count: settings.maxDelayMs + 1)
        ringArrival = [Int](repeating: 0, count: Self.ringCapacity)
        ringTransit = [Double](repeating: 0, count: Self.ringCapacity)
        target = Double(settings.minDelayMs)
    }

    /// The target delay in milliseconds.
    public var targetDelayMs: Int { Int(target.rounded(.up)) }

    /// The smallest transit time (arrival ms minus timestamp ms) in the window; nil
    /// before the first packet.
    public var minimumTransitMs: Double? { minimumTransit }

    /// Records one packet: `arrival` in ms, `timestampMs` its (unwrapped) RTP timestamp
    /// converted to ms. Returns its relative delay in ms.
    @discardableResult
    public mutating func update(arrival: Int, timestampMs: Double) -> Double {
        let transit = Double(arrival) - timestampMs
        ringArrival[ringNext] = arrival
        ringTransit[ringNext] = transit
        ringNext = (ringNext + 1) % Self.ringCapacity
        ringCount = min(ringCount + 1, Self.ringCapacity)
        minimumTransit = windowMinimum(now: arrival)
        let relative = max(transit - (minimumTransit ?? transit), 0)

        let f = settings.forgetFactor
        for i in histogram.indices { histogram[i] *= f }
        let bucket = Int(min(relative / Self.bucketMs, Double(histogram.count - 1)))
        histogram[bucket] += 1 - f

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

    /// Forgets the timing reference (new SSRC: new timestamps) but keeps what was
    /// learned about the network's jitter.
    public mutating func resetReference() {
        ringCount = 0
        ringNext = 0
        minimumTransit = nil
    }

    private func windowMinimum(now: Int) -> Double? {
        var best: Double?
        for k in 0..<ringCount {
            let i = (ringNext - 1 - k + Self.ringCapacity) % Self.ringCapacity
            if now - ringArrival[i] > settings.windowMs, k > 0 { break }
            best = min(best ?? ringTransit[i], ringTransit[i])
        }
        return best
    }

    private func quantileMs() -> Double {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return 0 }
        let wanted = settings.quantile * total
        var sum = 0.0
        for (i, weight) in histogram.enumerated() {
            sum += weight
            if sum >= wanted { return Double(i + 1) * Self.bucketMs }
        }
        return Double(histogram.count) * Self.bucketMs
    }
}
