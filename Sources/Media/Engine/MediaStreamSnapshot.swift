/// One call stream as the UI sees it, published by the media thread about once a second.
public struct MediaStreamSnapshot: Hashable, Sendable {
    public var codec: String = ""
    public var encrypted = false
    /// Where media goes now (after latching) and where it comes from.
    public var remote: String?
    public var packetsSent = 0
    public var packetsReceived = 0
    /// Our view of the peer's stream.
    public var packetsLost = 0
    public var fractionLost = 0.0
    public var jitterMilliseconds = 0.0
    /// The peer's view of ours, from its RTCP reports.
    public var remoteFractionLost = 0.0
    public var remoteJitterMilliseconds = 0.0
    public var roundTripMilliseconds: Double?
    public var jitterBufferMilliseconds = 0.0
    public var concealedFrames = 0
    /// Estimated listening quality (E-model, 1…4.5); nil before there is anything to rate.
    public var mos: Double?
    /// Seconds since the last RTP packet arrived; nil before the first.
    public var secondsSinceLastPacket: Double?
    /// RFC 4733 digits received so far, in order.
    public var digitsReceived = ""

    public init() {}
}
