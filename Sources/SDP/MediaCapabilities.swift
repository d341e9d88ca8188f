/// What we can do for one kind of media, used to build offers and answers.
public struct MediaCapabilities: Hashable, Sendable {
    /// `audio`, `video`…
    public var media: String
    /// The first is offered; all are accepted in offers we answer.
    public var protocols: [TransportProtocol]
    /// Our RTP port.
    public var port: UInt16
    /// In our order of preference.
    public var codecs: [CodecPreference]
    /// Nil when we do not do RFC 4733 events.
    public var telephoneEvent: TelephoneEventPreference?
    /// What we want: `sendonly` to hold, `inactive` to hold while held…
    public var direction: Direction
    public var ptime: UInt32?
    /// Offer RTP/RTCP multiplexing (RFC 5761) and accept it when offered.
    public var rtcpMux: Bool
    /// Offer RFC 3389 comfort noise (`CN/8000`) beside 8 kHz-clock codecs, and accept it
    /// when offered. Off by default: saying we take CN obliges us to render it.
    public var comfortNoise: Bool
    /// Offer RFC 2198 redundant audio (`red`) at each codec clock rate, and accept it when
    /// offered at the call codec's rate. Both sides must agree: a peer that does not know
    /// red never sees a red packet.
    public var redundancy: Bool
    /// Passed through into the m-section as they are: ICE credentials and candidates, our
    /// `a=crypto` lines (in an answer only the one whose suite the offer chose is kept,
    /// re-tagged), labels…
    public var attributes: [SDPAttribute]

    public init(
        media: String = "audio", protocols: [TransportProtocol] = [.rtpAVP], port: UInt16,
        codecs: [CodecPreference], telephoneEvent: TelephoneEventPreference? = TelephoneEventPreference(),
        direction: Direction = .sendrecv, ptime: UInt32? = nil, rtcpMux: Bool = false,
        comfortNoise: Bool = false, redundancy: Bool = false, attributes: [SDPAttribute] = []
    ) {
        self.redundancy = redundancy
        self.media = media
        self.protocols = protocols
        self.port = port
        self.codecs = codecs
        self.telephoneEvent = telephoneEvent
        self.direction = direction
        self.ptime = ptime
        self.rtcpMux = rtcpMux
        self.comfortNoise = comfortNoise
        self.attributes = attributes
    }
}

/// Our side of a session: where we are and what media we handle.
public struct LocalCapabilities: Hashable, Sendable {
    /// The `o=` username.
    public var username: String
    public var addressType: AddressType
    /// Our media address, written in `o=` and the session-level `c=`.
    public var address: String
    public var sessionName: String
    /// One entry per kind of media; in answers, only the first offered stream of a kind
    /// is accepted (a softphone runs one audio and at most one video stream).
    public var media: [MediaCapabilities]
    /// Session-level attributes passed through (`a=ice-lite`, `a=ice-options:…`).
    public var sessionAttributes: [SDPAttribute]

    public init(
        username: String = "-", addressType: AddressType = .ip4, address: String, sessionName: String = "-",
        media: [MediaCapabilities], sessionAttributes: [SDPAttribute] = []
    ) {
        self.username = username
        self.addressType = addressType
        self.address = address
        self.sessionName = sessionName
        self.media = media
        self.sessionAttributes = sessionAttributes
    }
}
