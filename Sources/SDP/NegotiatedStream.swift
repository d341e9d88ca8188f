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
        telephoneEvent: NegotiatedCodec? = nil, remoteAddress: String? = nil, remotePort: UInt16 = 0,
        remoteRTCP: RTCPDestination? = nil, direction: Direction = .inactive, remotePtime: UInt32? = nil,
        remoteCrypto: CryptoAttribute? = nil, localCrypto: CryptoAttribute? = nil
    ) {
        self.index = index
        self.media = media
        self.accepted = accepted
        self.codecs = codecs
        self.telephoneEvent = telephoneEvent
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

    public init(payloadType: UInt8, name: String, clockRate: UInt32, channels: UInt16 = 1, fmtp: String? = nil) {
        self.payloadType = payloadType
        self.name = name
        self.clockRate = clockRate
        self.channels = channels
        self.fmtp = fmtp
    }

    init(_ pt: UInt8, _ codec: CodecPreference) {
        self.init(payloadType: pt, name: codec.name, clockRate: codec.clockRate, channels: codec.channels, fmtp: codec.fmtp)
    }
}

/// Where RTCP goes: on the RTP port (RFC 5761) or to its own address and port.
public enum RTCPDestination: Hashable, Sendable {
    case muxed
    case address(String?, port: UInt16)
}

/// Why an answer cannot be used with the offer it answers.
public enum NegotiationError: Error, Equatable, Sendable, CustomStringConvertible {
    case mediaCountMismatch(offered: Int, answered: Int)
    case mediaTypeMismatch(index: Int, offered: String, answered: String)
    /// The answer gave a port to a stream the offer had disabled.
    case rejectedStreamAccepted(index: Int)
    case codecNotOffered(index: Int, format: String)
    case noCodec(index: Int)
    case missingConnection(index: Int)
    case cryptoNotOffered(index: Int, tag: UInt32)
    case missingCrypto(index: Int)

    public var description: String {
        switch self {
        case .mediaCountMismatch(let o, let a): "answer has \(a) m-lines, the offer had \(o)"
        case .mediaTypeMismatch(let i, let o, let a): "m-line \(i): answer is \(a), offer was \(o)"
        case .rejectedStreamAccepted(let i): "m-line \(i): answer accepts a stream the offer disabled"
        case .codecNotOffered(let i, let f): "m-line \(i): answer uses format \(f), which was not offered"
        case .noCodec(let i): "m-line \(i): answer accepts the stream without a codec"
        case .missingConnection(let i): "m-line \(i): no c= line for the stream"
        case .cryptoNotOffered(let i, let t): "m-line \(i): answer's crypto tag \(t) does not match an offered line"
        case .missingCrypto(let i): "m-line \(i): SRTP stream answered without a=crypto"
        }
    }
}
