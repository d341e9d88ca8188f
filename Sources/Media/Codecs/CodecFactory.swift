import SDP

/// The audio codecs the engine can run, recognised from SDP terms.
public enum CodecKind: Hashable, Sendable {
    case pcmu, pcma, g722, opus

    /// Recognises a negotiated codec by encoding name (case-insensitive) and RTP clock
    /// rate; nil for anything else (telephone-event, CN and unknown codecs).
    public init?(_ codec: NegotiatedCodec) {
        switch (codec.name.lowercased(), codec.clockRate) {
        case ("pcmu", 8000): self = .pcmu
        case ("pcma", 8000): self = .pcma
        case ("g722", 8000): self = .g722
        case ("opus", 48000): self = .opus
        default: return nil
        }
    }

    /// PCM rate the codec consumes and produces in the engine.
    public var sampleRate: Int {
        switch self {
        case .pcmu, .pcma: 8000
        case .g722: 16000
        case .opus: Self.opusSampleRate
        }
    }

    /// The engine runs Opus at 16 kHz, wideband: what a voice call needs, about a third of
    /// the work of 48 kHz through capture, DSP, codec and playout, and the bits go where
    /// speech is (we announce maxplaybackrate=16000 to the peer as well).
    public static let opusSampleRate = 16000

    /// RTP timestamp units per second (G.722: 8000 though it samples at 16 kHz).
    public var rtpClockRate: Int {
        switch self {
        case .pcmu, .pcma, .g722: 8000
        case .opus: 48000
        }
    }
}

/// Makes encoders and decoders for negotiated codecs, and sizes their buffers.
public enum CodecFactory {
    /// An encoder for `codec` sending `ptime` ms frames. For Opus, `peerFormatParameters`
    /// is the fmtp the PEER announced (defaults to `codec.fmtp`): it governs our bitrate
    /// cap, bandwidth, FEC, DTX and CBR (RFC 7587); `opusBase` gives everything else.
    /// Throws `.unsupported` for codecs we do not have.
    public static func makeEncoder(
        for codec: NegotiatedCodec, ptime: Int, peerFormatParameters: String? = nil,
        opusBase: OpusEncoderSettings = OpusEncoderSettings()
    ) throws(CodecError) -> any AudioEncoder {
        switch try kind(of: codec) {
        case .pcmu: return G711Encoder(law: .muLaw)
        case .pcma: return G711Encoder(law: .aLaw)
        case .g722: return G722Encoder()
        case .opus:
            let peer = OpusFormatParameters(fmtp: peerFormatParameters ?? codec.fmtp)
            return try OpusAudioEncoder(settings: OpusEncoderSettings(peer: peer, ptime: ptime, base: opusBase),
                                        sampleRate: CodecKind.opusSampleRate)
        }
    }

    /// A decoder for `codec` (Opus: mono whatever the peer sends).
    public static func makeDecoder(for codec: NegotiatedCodec) throws(CodecError) -> any AudioDecoder {
        switch try kind(of: codec) {
        case .pcmu: return G711Decoder(law: .muLaw)
        case .pcma: return G711Decoder(law: .aLaw)
        case .g722: return G722Decoder()
        case .opus: return try OpusAudioDecoder(sampleRate: CodecKind.opusSampleRate)
        }
    }

    /// PCM samples in one frame of `ptime` ms at `sampleRate`.
    public static func samplesPerFrame(sampleRate: Int, ptime: Int) -> Int {
        sampleRate * ptime / 1000
    }

    /// PCM samples in one frame of `codec` for `ptime` ms (Opus: rounded to its frame).
    public static func samplesPerFrame(_ kind: CodecKind, ptime: Int) -> Int {
        switch kind {
        case .opus: samplesPerFrame(sampleRate: CodecKind.opusSampleRate, ptime: OpusEncoderSettings.frameDuration(forPtime: ptime))
        default: samplesPerFrame(sampleRate: kind.sampleRate, ptime: ptime)
        }
    }

    /// RTP timestamp units one frame of `ptime` ms advances.
    public static func timestampIncrement(_ kind: CodecKind, ptime: Int) -> Int {
        switch kind {
        case .opus: 48 * OpusEncoderSettings.frameDuration(forPtime: ptime)
        default: kind.rtpClockRate * ptime / 1000
        }
    }

    /// The largest payload one encoded frame of `ptime` ms can need: size buffers with it.
    public static func maxPayloadSize(_ kind: CodecKind, ptime: Int) -> Int {
        switch kind {
        case .pcmu, .pcma: samplesPerFrame(sampleRate: 8000, ptime: ptime)
        case .g722: samplesPerFrame(sampleRate: 16000, ptime: ptime) / 2
        case .opus: OpusAudioEncoder.maxPacketSize
        }
    }

    private static func kind(of codec: NegotiatedCodec) throws(CodecError) -> CodecKind {
        guard let kind = CodecKind(codec) else {
            throw .unsupported("codec \(codec.name)/\(codec.clockRate)/\(codec.channels)")
        }
        return kind
    }
}
