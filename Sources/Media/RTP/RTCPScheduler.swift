/// When to send the next RTCP compound (RFC 3550 §6.3, A.7) for a unicast call, with
/// timer reconsideration. Pure: the media thread passes `now` and a uniform random
/// value in [0.5, 1.5] and performs the sends itself.
///
/// BYE needs no scheduling here: with fewer than 50 members a BYE may be sent at once
/// (§6.3.7), so BYE reconsideration is left out.
///
///     if scheduler.isDue(now: now) {
///         if scheduler.timerExpired(now: now, random: r1) {   // reconsidered: send now
///             let size = build and send a compound
///             scheduler.reportSent(size: size, now: now, random: r2)
///         }
///     }
public struct RTCPScheduler: Sendable {
    /// IPv4 + UDP header octets counted in the average size (§6.3.3).
    public static let lowerLayerOverhead = 28

    /// RTCP bandwidth in octets per second.
    public var rtcpBandwidth: Double
    /// Members including us; 2 in a two-party call.
    public var members: Int = 2
    /// Members that sent RTP recently (us included when `weSent`).
    public var senders: Int = 0
    /// Whether we sent RTP since the report before last; the engine sets it.
    public var weSent = false
    public private(set) var averageRTCPSize: Double
    public private(set) var initial = true
    /// When the last report went out (tp).
    public private(set) var lastReportTime: ContinuousClock.Instant?
    /// When the next report is due (tn).
    public private(set) var nextReportTime: ContinuousClock.Instant

    /// Starts a session at `now`; `expectedReportSize` is the compound we expect to send
    /// (payload octets; the lower-layer overhead is added).
    public init(rtcpBandwidth: Double, expectedReportSize: Int, now: ContinuousClock.Instant, random: Double) {
        self.rtcpBandwidth = rtcpBandwidth
        self.averageRTCPSize = Double(expectedReportSize + Self.lowerLayerOverhead)
        self.nextReportTime = now
        self.nextReportTime = now + interval(random: random)
    }

    /// The current deterministic interval for the given random draw.
    public func interval(random: Double) -> Duration {
        let seconds = RTCPInterval.seconds(
            members: members, senders: senders, rtcpBandwidth: rtcpBandwidth, averageRTCPSize: averageRTCPSize,
            weSent: weSent, initial: initial, random: random)
        // A day at most: a near-zero configured bandwidth must not overflow Duration.
        return .nanoseconds(Int64(min(seconds, 86_400) * 1e9))
    }

    public func isDue(now: ContinuousClock.Instant) -> Bool { now >= nextReportTime }

    /// The timer fired (A.7 OnExpire for a report): true when a report should be sent
    /// now; false when reconsideration moved `nextReportTime` later.
    public mutating func timerExpired(now: ContinuousClock.Instant, random: Double) -> Bool {
        let t = interval(random: random)
        let candidate = (lastReportTime ?? now) + t
        guard lastReportTime != nil, candidate > now else { return true }
        nextReportTime = candidate
        return false
    }

    /// We sent a compound of `size` payload octets at `now`: updates the average size
    /// and schedules the next report.
    public mutating func reportSent(size: Int, now: ContinuousClock.Instant, random: Double) {
        updateAverage(size)
        lastReportTime = now
        initial = false
        nextReportTime = now + interval(random: random)
    }

    /// A compound from a peer of `size` payload octets arrived.
    public mutating func reportReceived(size: Int) {
        updateAverage(size)
    }

    private mutating func updateAverage(_ size: Int) {
        averageRTCPSize = Double(size + Self.lowerLayerOverhead) / 16 + averageRTCPSize * 15 / 16
    }
}
