/// A codec one side can use, in the terms SDP names it: encoding name, RTP clock rate and
/// channel count, plus the format parameters to announce and a preferred payload type.
public struct CodecPreference: Hashable, Sendable {
    public var name: String
    public var clockRate: UInt32
    public var channels: UInt16
    /// Written as `a=fmtp:<pt> <fmtp>` for this codec.
    public var fmtp: String?
    /// For dynamic codecs: the number to use when offering, if it is free.
    public var preferredPayloadType: UInt8?

    public init(name: String, clockRate: UInt32, channels: UInt16 = 1, fmtp: String? = nil, preferredPayloadType: UInt8? = nil) {
        self.name = name
        self.clockRate = clockRate
        self.channels = channels
        self.fmtp = fmtp
        self.preferredPayloadType = preferredPayloadType
    }

    /// Same codec: name (case-insensitive), clock rate and channels agree.
    public func matches(_ other: CodecPreference) -> Bool {
        name.lowercased() == other.name.lowercased() && clockRate == other.clockRate && channels == other.channels
    }

    public static let pcmu = CodecPreference(name: "PCMU", clockRate: 8000)
    public static let pcma = CodecPreference(name: "PCMA", clockRate: 8000)
    /// G.722's RTP clock is 8000 although it samples at 16 kHz (RFC 3551 §4.5.2).
    public static let g722 = CodecPreference(name: "G722", clockRate: 8000)
    public static let opus = CodecPreference(name: "opus", clockRate: 48000, channels: 2, preferredPayloadType: 111)
    /// RFC 3389 comfort noise at the 8 kHz clock (static payload type 13). Not a codec
    /// a call is held in: it only fills a sender's silences.
    public static let comfortNoise = CodecPreference(name: "CN", clockRate: 8000)

    /// RFC 2198 redundant audio's encoding name.
    public static let redundancyName = "red"

    /// Redundant audio (RFC 2198) for `codec`, sent under `primaryPayloadType`: at the
    /// codec's clock and channel count (`red/48000/2` for Opus, as browsers offer it),
    /// `a=fmtp:<red> P/P/P` — the primary and up to two earlier copies of it.
    public static func redundancy(for codec: CodecPreference, primaryPayloadType: UInt8) -> CodecPreference {
        let p = String(primaryPayloadType)
        return CodecPreference(name: redundancyName, clockRate: codec.clockRate, channels: codec.channels,
                               fmtp: "\(p)/\(p)/\(p)", preferredPayloadType: codec.clockRate == 48000 ? 120 : 121)
    }
}

/// RFC 4733 DTMF events: which events, and the payload type to prefer when offering.
public struct TelephoneEventPreference: Hashable, Sendable {
    public var events: String
    public var preferredPayloadType: UInt8

    public init(events: String = "0-16", preferredPayloadType: UInt8 = 101) {
        self.events = events
        self.preferredPayloadType = preferredPayloadType
    }

    static let encodingName = "telephone-event"
}
