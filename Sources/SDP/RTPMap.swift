/// `a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]` (RFC 8866 §6.6).
public struct RTPMap: Hashable, Sendable {
    public var payloadType: UInt8
    /// As sent (`PCMU`, `opus`, `telephone-event`); compare case-insensitively.
    public var encodingName: String
    public var clockRate: UInt32
    /// Encoding parameters: the channel count for audio; nil when absent (means 1).
    public var channels: UInt16?

    public init(payloadType: UInt8, encodingName: String, clockRate: UInt32, channels: UInt16? = nil) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
    }

    var value: String {
        var s = "\(payloadType) \(encodingName)/\(clockRate)"
        if let channels { s += "/\(channels)" }
        return s
    }
}
