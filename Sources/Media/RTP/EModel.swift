/// A simplified ITU-T G.107 E-model: listening-and-conversational quality as a rating
/// R and a MOS estimate, from one-way delay and packet loss.
///
/// R = 93.2 − Id − Ie,eff, with all other impairments at G.107's defaults (R0 − Is =
/// 93.2, A = 0). Id uses the common piecewise approximation of G.107's delay formula
/// (Cole & Rosenbluth): Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3), d the
/// mouth-to-ear delay in ms. Ie,eff = Ie + (95 − Ie)·Ppl / (Ppl/BurstR + Bpl) (G.107
/// §7.4), Ppl in percent. MOS from R by G.107 Annex B.
///
/// Everything is on G.107's narrow-band scale (R ≤ 100): wide-band codecs are rated as
/// at least as good as G.711, not better, so the numbers compare across codecs.
public enum EModel {
    /// Codec parameters for the model.
    public struct Codec: Equatable, Sendable {
        /// Equipment impairment without loss.
        public var ie: Double
        /// Packet-loss robustness factor.
        public var bpl: Double
        /// Algorithmic delay plus one frame of packetisation, ms.
        public var delayMilliseconds: Double

        public init(ie: Double, bpl: Double, delayMilliseconds: Double) {
            self.ie = ie
            self.bpl = bpl
            self.delayMilliseconds = delayMilliseconds
        }

        /// G.711 with concealment (G.711 Appendix I PLC): Ie 0, Bpl 25.1 (ITU-T G.113
        /// Appendix I); 20 ms frames.
        public static let g711 = Codec(ie: 0, bpl: 25.1, delayMilliseconds: 20)
        /// G.722 at 64 kbit/s with the same waveform concealment as G.711: Ie 0 and
        /// Bpl 25.1 on the narrow-band scale (our choice: G.107.1's wide-band figures would
        /// put it on a different scale). 20 ms frames plus its 1.5 ms filter delay.
        public static let g722 = Codec(ie: 0, bpl: 25.1, delayMilliseconds: 21.5)
        /// Opus at speech bit rates (≥ 20 kbit/s): transparent on the narrow-band scale,
        /// Ie 0; its own concealment is more robust than G.711's, so Bpl 30 — a reasoned
        /// value, not from a published table. Pass the loss left after in-band FEC.
        /// 20 ms frames plus 6.5 ms look-ahead.
        public static let opus = Codec(ie: 0, bpl: 30, delayMilliseconds: 26.5)
    }

    /// The rating factor R (may fall below 0 for hopeless conditions).
    /// - Parameters:
    ///   - mouthToEarMilliseconds: one-way delay d (network + jitter buffer + codec).
    ///   - lossPercent: packet loss Ppl in percent (0…100).
    ///   - burstRatio: BurstR, 1 for random loss, > 1 for bursty loss.
    public static func rating(mouthToEarMilliseconds d: Double, lossPercent: Double, codec: Codec,
                              burstRatio: Double = 1) -> Double {
        let delay = max(d.isNaN ? 0 : d, 0)
        let id = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0)
        let ppl = min(max(lossPercent.isNaN ? 0 : lossPercent, 0), 100)
        let burst = max(burstRatio.isNaN ? 1 : burstRatio, 1)
        let ieEff = codec.ie + (95 - codec.ie) * ppl / (ppl / burst + codec.bpl)
        return 93.2 - id - ieEff
    }

    /// MOS (1…4.5) from R (G.107 Annex B). The cubic dips a hair below 1 for R under
    /// about 6.5; that dip is clamped away.
    public static func mos(rating r: Double) -> Double {
        if r.isNaN || r <= 0 { return 1 }
        if r >= 100 { return 4.5 }
        return max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6)
    }

    /// MOS straight from the conditions.
    public static func mos(mouthToEarMilliseconds d: Double, lossPercent: Double, codec: Codec,
                           burstRatio: Double = 1) -> Double {
        mos(rating: rating(mouthToEarMilliseconds: d, lossPercent: lossPercent, codec: codec, burstRatio: burstRatio))
    }
}
