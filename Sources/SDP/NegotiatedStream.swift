/// The outcome of offer/answer for one m-line, from our point of view.
public struct NegotiatedStream: Hashable, Sendable {
    /// Position of the m-line (the same in offer and answer).
    public var index: Int
    public var media: String
    /// False when the stream was refused (port 0) on either side.
    public var accepted: Bool
    /// Codecs both sides agreed on, the peer's payload types, best first.
    public var codecs: [NegotiatedCodec]
    /// RFC 4733 events, when both sides do them.
    public var telephoneEvent: NegotiatedCodec?
    /// RFC 3389 comfort noise, when both sides take it: the payload type the peer sends
    /// it with (never one of `codecs`).
    public var comfortNoise: NegotiatedCodec?
    /// RFC 2198 redundant audio, when both sides take it: the payload type red travels
    /// under (the offerer's), at the call codec's clock rate.
    public var redundancy: NegotiatedCodec?
    /// Where to send RTP.
    public var remoteAddress: String?
    public var remotePort: UInt16
    /// Where to send RTCP.
    public var remoteRTCP: RTCPDestination?
    /// What we may do: `sends` — send media; `receives` — expect media.
    public var direction: Direction
    /// The peer's `a=ptime`.
    public var remotePtime: UInt32?
    /// The peer's SDES key for this stream (the line it chose or the line it answered).
    public var remoteCrypto: CryptoAttribute?
    /// Our SDES key that goes with it.
    public var localCrypto: CryptoAttribute?

    public init(
        index: Int, media: String, accepted: Bool, codecs: [NegotiatedCodec] = [],
        telephoneEvent: NegotiatedCodec? = nil, comfortNoise: NegotiatedCodec? = nil,
        redundancy: NegotiatedCodec? = nil, remoteAddress: String? = nil,
        remotePort: UInt16 = 0,
        remoteRTCP: RTCPDestination? = nil, direction: Direction = .inactive, remotePtime: UInt32? = nil,
        remoteCrypto: CryptoAttribute? = nil, localCrypto: CryptoAttribute? = nil
    ) {
        self.index = index
        self.media = media
        self.accepted = accepted
        self.codecs = codecs
        self.telephoneEvent = telephoneEvent
        self.comfortNoise = comfortNoise
        self.redundancy = redundancy
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.remoteRTCP = remoteRTCP
        self.direction = direction
        self.remotePtime = remotePtime
        self.remoteCrypto = remoteCrypto
        self.localCrypto = localCrypto
    }
}

/// A codec as agreed: its payload type and what it stands for.
public struct NegotiatedCodec: Hashable, Sendable {
    public var payloadType: UInt8
    public var name: String
    public var clockRate: UInt32
    public var channels: UInt16
    public var fmtp: String?
    /// The peer's own format parameters for it (what it asks of our encoder: Opus's
    /// `maxaveragebitrate`, `useinbandfec`…).
    public var remoteFmtp: String?

    public init(payloadType: UInt8, name: String, clockRate: UInt32, channels: UInt16 = 1, fmtp: String? = nil,
                remoteFmtp: String? = nil) {
        self.payloadType = payloadType
        self.name = name
        self.clockRate = clockRate
        self.channels = channels
        self.fmtp = fmtp
        self.remoteFmtp = remoteFmtp
    }

    init(_ pt: UInt8, _ codec: CodecPreference) {
        self.init(payloadType: pt, name: codec.name, clockRate: codec.clockRate, channels: codec.channels, fmtp: codec.fmtp,
                  remoteFmtp: codec.fmtp)
    }
}

/// Where RTCP goes: on the RTP port (RFC 5761) or to its own address and port.
public enum RTCPDestination: Hashable, Sendable {
    case muxed
    case address(String?, port: UInt16)
}
