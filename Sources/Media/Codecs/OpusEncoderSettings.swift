import COpus

/// How our Opus encoder runs. Build it from the peer's fmtp with `init(peer:ptime:)`:
/// what the PEER asks governs what we send (RFC 7587 §6.1).
public struct OpusEncoderSettings: Hashable, Sendable {
    /// Target bitrate in bit/s (6000…510000).
    public var bitrate: Int
    /// Encoder complexity 0…10: higher costs CPU for quality.
    public var complexity: Int
    /// The complexity while no loss is reported. Measured on 16 kHz speech at 48 kbit/s
    /// (session 8): PESQ-WB 4.48 at 7 against 4.49 at 10, for 30 % less encoding time;
    /// under loss the full `complexity` pays (3 %: 3.69 against 3.64).
    public var cleanPathComplexity: Int
    /// Frame duration in ms: 10, 20, 40 or 60.
    public var frameMilliseconds: Int
    /// Whether to send in-band FEC (LBRR) for the peer to rebuild a lost packet.
    public var inbandFEC: Bool
    /// Expected loss in percent (0…100); sizes the FEC. The engine feeds the measured rate.
    public var packetLossPercent: Int
    /// Discontinuous transmission: nothing is sent during silence.
    public var dtx: Bool
    /// Constant bitrate instead of variable.
    public var cbr: Bool
    /// The highest audio bandwidth to code, from the peer's maxplaybackrate.
    public var maxBandwidth: Bandwidth

    /// Opus audio bandwidths, by the highest sample rate that carries them.
    public enum Bandwidth: Int, Hashable, Sendable, Comparable {
        case narrow = 8000, medium = 12000, wide = 16000, superWide = 24000, full = 48000

        /// The widest bandwidth that a peer playing at `rate` Hz can use.
        public init(playbackRate rate: Int) {
            self = switch rate {
            case ..<12000: .narrow
            case ..<16000: .medium
            case ..<24000: .wide
            case ..<48000: .superWide
            default: .full
            }
        }

        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

        var opusValue: Int32 {
            switch self {
            case .narrow: OPUS_BANDWIDTH_NARROWBAND
            case .medium: OPUS_BANDWIDTH_MEDIUMBAND
            case .wide: OPUS_BANDWIDTH_WIDEBAND
            case .superWide: OPUS_BANDWIDTH_SUPERWIDEBAND
            case .full: OPUS_BANDWIDTH_FULLBAND
            }
        }
    }

    /// Our defaults: 48 kbit/s VBR (room for in-band FEC when loss appears), complexity 10
    /// (7 while no loss is reported), 20 ms, no FEC, no DTX, full band (the engine opens
    /// Opus at 16 kHz: wideband).
    public init(
        bitrate: Int = 48000, complexity: Int = 10, cleanPathComplexity: Int = 7, frameMilliseconds: Int = 20,
        inbandFEC: Bool = false, packetLossPercent: Int = 0, dtx: Bool = false, cbr: Bool = false,
        maxBandwidth: Bandwidth = .full
    ) {
        self.bitrate = bitrate
        self.complexity = complexity
        self.cleanPathComplexity = cleanPathComplexity
        self.frameMilliseconds = frameMilliseconds
        self.inbandFEC = inbandFEC
        self.packetLossPercent = packetLossPercent
        self.dtx = dtx
        self.cbr = cbr
        self.maxBandwidth = maxBandwidth
    }

    /// The complexity the encoder runs at: `cleanPathComplexity` (if lower) while no loss
    /// is reported, else `complexity`.
    public var effectiveComplexity: Int {
        packetLossPercent == 0 ? min(complexity, cleanPathComplexity) : complexity
    }

    /// Settings for sending to a peer that announced `peer`: its maxaveragebitrate caps
    /// our bitrate, its maxplaybackrate caps our bandwidth, useinbandfec=1 turns FEC on,
    /// usedtx=1 turns DTX on, cbr=1 turns CBR on; the frame duration is `ptime` rounded
    /// to an Opus frame (10/20/40/60) and at least its minptime. `base` gives the rest.
    public init(peer: OpusFormatParameters, ptime: Int, base: OpusEncoderSettings = OpusEncoderSettings()) {
        self = base
        if let cap = peer.maxAverageBitrate { bitrate = min(bitrate, cap) }
        if let rate = peer.maxPlaybackRate { maxBandwidth = min(maxBandwidth, Bandwidth(playbackRate: rate)) }
        inbandFEC = peer.useInbandFEC ?? false
        dtx = peer.useDTX ?? false
        cbr = peer.cbr ?? false
        frameMilliseconds = Self.frameDuration(forPtime: max(ptime, peer.minPtime ?? 0))
    }

    /// The Opus frame duration nearest `ptime` that is at least `ptime` where possible.
    public static func frameDuration(forPtime ptime: Int) -> Int {
        switch ptime {
        case ...10: 10
        case ...20: 20
        case ...40: 40
        default: 60
        }
    }
}
