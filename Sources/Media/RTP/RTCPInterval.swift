/// The RTCP transmission interval of RFC 3550 §6.3.1 and A.7, as a pure function.
public enum RTCPInterval {
    /// The minimum interval between reports (§6.2), halved before the first report.
    public static let minimumSeconds = 5.0
    /// e − 3/2: compensates the timer reconsideration that makes intervals shorter
    /// than the randomised mean on average (§6.3.1).
    public static let compensation = 2.718281828459045 - 1.5
    /// Share of the RTCP bandwidth for senders when they are at most a quarter of members.
    public static let senderFraction = 0.25

    /// RTCP bandwidth in octets per second: 5 % of the session bandwidth (§6.2).
    public static func rtcpBandwidth(sessionBitsPerSecond: Double) -> Double {
        sessionBitsPerSecond * 0.05 / 8
    }

    /// Session bandwidth for one audio stream: the codec bit rate plus the IPv4, UDP and
    /// RTP headers of each packet (the session bandwidth counts lower layers, §6.2).
    public static func sessionBandwidth(codecBitsPerSecond: Double, packetsPerSecond: Double) -> Double {
        codecBitsPerSecond + packetsPerSecond * Double(20 + 8 + 12) * 8
    }

    /// The interval in seconds.
    /// - Parameters:
    ///   - members: session members including us (≥ 1).
    ///   - senders: members that sent RTP since the report before last.
    ///   - rtcpBandwidth: octets per second for RTCP (`rtcpBandwidth(sessionBitsPerSecond:)`).
    ///   - averageRTCPSize: the running average compound size in octets, lower layers included.
    ///   - weSent: whether we are among the senders.
    ///   - initial: before our first report (halves the minimum).
    ///   - random: a uniform value in [0.5, 1.5] (the caller's random source; clamped).
    public static func seconds(members: Int, senders: Int, rtcpBandwidth: Double, averageRTCPSize: Double,
                               weSent: Bool, initial: Bool, random: Double) -> Double {
        let minimum = initial ? minimumSeconds / 2 : minimumSeconds
        var bandwidth = rtcpBandwidth
        var n = Double(max(members, 1))
        let senderCount = Double(max(senders, 0))
        // Senders get a quarter of the bandwidth when they are few, so receivers in a
        // large session still report at a sensible rate.
        if senderCount > 0, senderCount <= n * senderFraction {
            if weSent {
                bandwidth *= senderFraction
                n = senderCount
            } else {
                bandwidth *= 1 - senderFraction
                n -= senderCount
            }
        }
        var t = bandwidth > 0 ? averageRTCPSize * n / bandwidth : minimum
        if !(t >= minimum) { t = minimum }
        let r = min(max(random.isNaN ? 1 : random, 0.5), 1.5)
        return t * r / compensation
    }
}
