/// One call stream as the UI sees it, published by the media thread about once a second.
public struct MediaStreamSnapshot: Equatable, Sendable {
    public var codec: String = ""
    public var encrypted = false
    /// Where media goes now (after latching).
    public var remote: String?
    /// Packets, loss, jitter (ours and the peer's view), round trip, jitter buffer.
    public var quality = CallQuality()
    /// Estimated listening quality (E-model, 1…4.5); nil before there is anything to rate.
    public var mos: Double?
    /// Seconds since the last RTP packet arrived; nil before the first.
    public var secondsSinceLastPacket: Double?
    /// RFC 4733 digits received so far, in order.
    public var digitsReceived = ""
    /// SRTP packets that failed authentication or replay checks.
    public var authenticationFailures = 0
    /// STUN, TURN and ICE for this call; nil when NAT traversal is off.
    public var nat: NATSnapshot?

    public init() {}
}
