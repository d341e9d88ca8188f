import NAT
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
    /// The peer's format parameters for `codec` (Opus: what it wants our encoder to do).
    public var peerFormatParameters: String?
    /// SRTP keys as SDES agreed them; nil for plain RTP.
    public var srtp: SRTPKeys?
    /// The peer's ICE description and whether we control; nil when the peer does not do
    /// ICE (or we do not): media follows the latched address.
    public var ice: RemoteICE?
    /// Listen for in-band DTMF tones in what the peer sends (the account's dtmf =
    /// "inband"; off otherwise: speech and music can look like keys).
    public var detectsInbandDigits = false
    public var input: AudioInput
    public var output: AudioOutput
    public var processing: CaptureProcessing
    /// RTCP CNAME (RFC 7022: random per session is fine).
    public var cname: String

    public init(
        codec: NegotiatedCodec, alternativeCodecs: [NegotiatedCodec] = [], telephoneEvent: NegotiatedCodec? = nil,
        comfortNoisePayloadType: UInt8? = nil, ptime: Int = 20, remote: SocketAddress?, remoteRTCP: SocketAddress? = nil,
        rtcpMux: Bool = false, sends: Bool = true, receives: Bool = true, peerFormatParameters: String? = nil,
        srtp: SRTPKeys? = nil, ice: RemoteICE? = nil, detectsInbandDigits: Bool = false, input: AudioInput = .silence,
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
        self.peerFormatParameters = peerFormatParameters
        self.srtp = srtp
        self.ice = ice
        self.detectsInbandDigits = detectsInbandDigits
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

    /// The echo canceller and preprocessor these settings ask for, at one rate and frame
    /// (a call's stream, or the device hub). The preprocessor also runs with the canceller
    /// alone: its residual echo suppression is half of echo cancellation.
    func makeProcessors(sampleRate: Int, frameSize: Int) -> (EchoCanceller?, CapturePreprocessor?) {
        let echo = echoCancel
            ? try? EchoCanceller(sampleRate: sampleRate, frameSize: frameSize, tailMilliseconds: echoTailMilliseconds)
            : nil
        guard noiseSuppression || automaticGain || echo != nil else { return (echo, nil) }
        let preprocessor = try? CapturePreprocessor(
            sampleRate: sampleRate, frameSize: frameSize,
            settings: .init(noiseSuppression: noiseSuppression, automaticGain: automaticGain), echo: echo)
        return (echo, preprocessor)
    }
}

/// The two SRTP master keys of a stream: we protect with `send`, and check and decrypt
/// what arrives with `receive`.
public struct SRTPKeys: Hashable, Sendable {
    public var send: SRTPMasterKey
    public var receive: SRTPMasterKey

    public init(send: SRTPMasterKey, receive: SRTPMasterKey) {
        self.send = send
        self.receive = receive
    }

    /// The keys of an `.encrypted` decision; nil for any other.
    public init?(_ decision: SRTPDecision) {
        guard case .encrypted(_, let send, let receive) = decision else { return nil }
        self.init(send: send, receive: receive)
    }
}

/// What ICE needs from offer/answer: the peer's description, and our role (the offerer
/// controls, RFC 8445 §6.1.1; the agent itself takes control against an ICE-lite peer).
public struct RemoteICE: Hashable, Sendable {
    public var description: ICEDescription
    public var controlling: Bool

    public init(description: ICEDescription, controlling: Bool) {
        self.description = description
        self.controlling = controlling
    }
}
