import COpus

/// How our Opus encoder runs. Build it from the peer's fmtp with `init(peer:ptime:)`:
/// what the PEER asks governs what we send (RFC 7587 §6.1).
public struct OpusEncoderSettings: Hashable, Sendable {
    /// Target bitrate in bit/s (6000…510000).
    public var bitrate: Int
    /// Encoder complexity 0…10: higher costs CPU for quality.
    public var complexity: Int
    /// The complexity on a clean path (`onCleanPath`); under loss the full `complexity` pays
    /// (FEC's quality: PESQ-WB at 3 % loss 3.69 against 3.64 at 7, session 8).
    public var cleanPathComplexity: Int
    /// The bitrate on a clean path (`onCleanPath`), when the peer allows it (nil: `bitrate`).
    /// At this rate libopus codes CELT, not SILK: no FEC (none is needed until loss is
    /// reported, and then the encoder goes back to `bitrate`, SILK and FEC), a quarter of
    /// the encoding time, better quality. Measured on 16 kHz speech (session 10): SILK at
    /// 48 kbit/s, complexity 7: PESQ-WB 4.44, 7.7 ms of encoding per second; CELT at
    /// 96 kbit/s, complexity 5: 4.50, 1.9 ms (decoding 0.9 against 0.7 ms). CELT at 96 kbit/s
    /// below complexity 5 (session 15, the benchmark's speech): 5 → 4.516 and 1.74 ms, 3 →
    /// 4.504 and 1.19 ms, 2 → 4.503, 0 → 4.41; hence `cleanPathComplexity` 3.
    public var cleanPathBitrate: Int?
    /// Frame duration in ms: 10, 20, 40 or 60.
    public var frameMilliseconds: Int
    /// Whether to send in-band FEC (LBRR) for the peer to rebuild a lost packet.
    public var inbandFEC: Bool
    /// Expected loss in percent (0…100); sizes the FEC. The engine feeds the measured rate.
    public var packetLossPercent: Int { didSet { updatePath() } }
    /// The interarrival jitter of the path (ms): the peer's reports, or before them what we
    /// see on the peer's packets. The engine feeds it.
    public var pathJitterMilliseconds = 0 { didSet { updatePath() } }
    /// Whether the path counts as clean: no loss, and jitter at most `cleanJitter` ms. Once
    /// not, jitter must fall to half that again: each change of profile is a switch between
    /// SILK and CELT, not to be made back and forth on every report.
    public private(set) var onCleanPath: Bool
    /// Jitter above this makes the path impaired even without loss: the jitter buffer will
    /// conceal late frames now and then, and SILK's concealment of speech is better than
    /// CELT's (PESQ-WB at 40 ms jitter, no loss: 4.21–4.50 with CELT, one call 3.22).
    public static let cleanJitter = 8
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
    /// (96 kbit/s and complexity 3 while no loss is reported), 20 ms, no FEC, no DTX, full
    /// band (the engine opens Opus at 16 kHz: wideband).
    public init(
        bitrate: Int = 48000, complexity: Int = 10, cleanPathComplexity: Int = 3, cleanPathBitrate: Int? = 96000,
        frameMilliseconds: Int = 20, inbandFEC: Bool = false, packetLossPercent: Int = 0, dtx: Bool = false,
        cbr: Bool = false, maxBandwidth: Bandwidth = .full
    ) {
        self.bitrate = bitrate
        self.complexity = complexity
        self.cleanPathComplexity = cleanPathComplexity
        self.cleanPathBitrate = cleanPathBitrate
        self.frameMilliseconds = frameMilliseconds
        self.inbandFEC = inbandFEC
        self.packetLossPercent = packetLossPercent
        onCleanPath = packetLossPercent == 0
        self.dtx = dtx
        self.cbr = cbr
        self.maxBandwidth = maxBandwidth
    }

    /// The complexity the encoder runs at: `cleanPathComplexity` (if lower) on a clean
    /// path, else `complexity`.
    public var effectiveComplexity: Int {
        onCleanPath ? min(complexity, cleanPathComplexity) : complexity
    }

    /// The bitrate the encoder runs at: `cleanPathBitrate` (if set) on a clean path, else
    /// `bitrate`.
    public var effectiveBitrate: Int {
        onCleanPath ? cleanPathBitrate ?? bitrate : bitrate
    }

    private mutating func updatePath() {
        if packetLossPercent > 0 || pathJitterMilliseconds > Self.cleanJitter {
            onCleanPath = false
        } else if pathJitterMilliseconds <= Self.cleanJitter / 2 {
            onCleanPath = true
        }
    }

    /// Settings for sending to a peer that announced `peer`: its maxaveragebitrate caps
    /// our bitrate (and drops a clean-path bitrate above it), its maxplaybackrate caps our
    /// bandwidth, useinbandfec=1 turns FEC on, usedtx=1 turns DTX on, cbr=1 turns CBR on;
    /// the frame duration is `ptime` rounded to an Opus frame (10/20/40/60) and at least
    /// its minptime. `base` gives the rest.
    public init(peer: OpusFormatParameters, ptime: Int, base: OpusEncoderSettings = OpusEncoderSettings()) {
        self = base
        if let cap = peer.maxAverageBitrate {
            bitrate = min(bitrate, cap)
            // Below the clean path's rate CELT would sound worse than SILK: stay at `bitrate`.
            if let clean = cleanPathBitrate, clean > cap { cleanPathBitrate = nil }
        }
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
