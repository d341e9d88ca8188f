import SDP

/// Everything the media thread needs to run one call's audio stream, as agreed by offer
/// and answer. A value: the signalling side builds it and hands it over.
public struct MediaStreamConfiguration: Sendable {
    /// The codec we send and expect (the first one both sides agreed on).
    public var codec: NegotiatedCodec
    /// Other agreed codecs the peer may switch to without a new offer.
    public var alternativeCodecs: [NegotiatedCodec]
    /// RFC 4733 events, when both sides do them.
    public var telephoneEvent: NegotiatedCodec?
    /// RFC 3389 comfort noise payload type, when agreed.
    public var comfortNoisePayloadType: UInt8?
    /// Packet duration in milliseconds (the peer's `a=ptime`, else 20).
    public var ptime: Int
    /// Where RTP goes until the peer's real address is latched; nil sends nothing until then.
    public var remote: SocketAddress?
    /// Where RTCP goes when not multiplexed; nil with `rtcpMux`.
    public var remoteRTCP: SocketAddress?
    public var rtcpMux: Bool
    /// What the direction attribute lets us do.
    public var sends: Bool
    public var receives: Bool
    /// SDES keys: ours (we protect with it) and the peer's (we unprotect with it); nil for plain RTP.
    public var crypto: (local: CryptoAttribute, remote: CryptoAttribute)?
    public var input: AudioInput
    public var output: AudioOutput
    public var processing: CaptureProcessing
    /// RTCP CNAME (RFC 7022: random per session is fine).
    public var cname: String

    public init(
        codec: NegotiatedCodec, alternativeCodecs: [NegotiatedCodec] = [], telephoneEvent: NegotiatedCodec? = nil,
        comfortNoisePayloadType: UInt8? = nil, ptime: Int = 20, remote: SocketAddress?, remoteRTCP: SocketAddress? = nil,
        rtcpMux: Bool = false, sends: Bool = true, receives: Bool = true,
        crypto: (local: CryptoAttribute, remote: CryptoAttribute)? = nil, input: AudioInput = .silence,
        output: AudioOutput = .discard, processing: CaptureProcessing = .init(), cname: String
    ) {
        self.codec = codec
        self.alternativeCodecs = alternativeCodecs
        self.telephoneEvent = telephoneEvent
        self.comfortNoisePayloadType = comfortNoisePayloadType
        self.ptime = ptime
        self.remote = remote
        self.remoteRTCP = remoteRTCP
        self.rtcpMux = rtcpMux
        self.sends = sends
        self.receives = receives
        self.crypto = crypto
        self.input = input
        self.output = output
        self.processing = processing
        self.cname = cname
    }
}

/// Which capture processing runs on the near-end signal.
public struct CaptureProcessing: Hashable, Sendable {
    public var echoCancel: Bool
    public var echoTailMilliseconds: Int
    public var noiseSuppression: Bool
    public var automaticGain: Bool

    public init(echoCancel: Bool = false, echoTailMilliseconds: Int = 200, noiseSuppression: Bool = false, automaticGain: Bool = false) {
        self.echoCancel = echoCancel
        self.echoTailMilliseconds = echoTailMilliseconds
        self.noiseSuppression = noiseSuppression
        self.automaticGain = automaticGain
    }

    public var isEmpty: Bool { !echoCancel && !noiseSuppression && !automaticGain }
}
