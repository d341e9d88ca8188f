/// The state of one G.722 sub-band ADPCM coder and the adaptation the encoder and decoder
/// share: scale factor (LOGSCL/SCALEL, LOGSCH/SCALEH) and the pole-zero predictor (block 4:
/// RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC).
/// All arithmetic follows the Recommendation's 16-bit fixed point, so both ends track.
struct G722Band {
    /// Predictor output SL/SH: the estimate the next difference is taken against.
    private(set) var s: Int32 = 0
    /// Zero-section output SZL/SZH.
    private var sz: Int32 = 0
    /// Log scale factor NBL/NBH and the scale factor DETL/DETH.
    private var nb: Int32 = 0
    private(set) var det: Int32
    /// Pole coefficients A1, A2, the delayed reconstructed signals R1, R2 and the delayed
    /// partial reconstructions P1, P2.
    private var a1: Int32 = 0, a2: Int32 = 0
    private var r1: Int32 = 0, r2: Int32 = 0
    private var p1: Int32 = 0, p2: Int32 = 0
    /// Zero coefficients B1…B6 and delayed quantised differences D1…D6 (index 0 unused).
    private var b: [Int32] = [0, 0, 0, 0, 0, 0, 0]
    private var d: [Int32] = [0, 0, 0, 0, 0, 0, 0]

    /// Which band: they differ in the initial scale factor and its adaptation tables.
    enum Kind { case lower, higher }
    private let kind: Kind

    init(_ kind: Kind) {
        self.kind = kind
        det = kind == .lower ? 32 : 8
    }

    /// Adapts the scale factor to the code just sent (lower: its 4-bit truncation).
    mutating func adaptScale(code: Int32) {
        let limit: Int32, shiftBase: Int32, multiplier: Int32
        switch kind {
        case .lower:
            multiplier = G722Tables.wl[Int(G722Tables.rl42[Int(code & 0x0F)])]
            limit = 18432
            shiftBase = 8
        case .higher:
            multiplier = G722Tables.wh[Int(G722Tables.rh2[Int(code & 0x03)])]
            limit = 22528
            shiftBase = 10
        }
        // LOGSCL/LOGSCH: leaky log-domain update.
        nb = min(max(((nb &* 127) >> 7) &+ multiplier, 0), limit)
        // SCALEL/SCALEH: back to linear through the ILB table.
        let mantissa = G722Tables.ilb[Int((nb >> 6) & 31)]
        let shift = shiftBase - (nb >> 11)
        let linear = shift < 0 ? mantissa << -shift : mantissa >> shift
        det = linear << 2
    }

    /// Block 4: updates the predictor with the quantised difference `dx` and computes the
    /// next estimate `s`.
    mutating func updatePredictor(_ dx: Int32) {
        // RECONS and PARREC: reconstructed and partially reconstructed signal.
        let r0 = g722Saturate(s &+ dx)
        let p0 = g722Saturate(sz &+ dx)

        // Sign bits as the Recommendation takes them (zero counts as positive).
        let sg0 = p0 >> 15, sg1 = p1 >> 15, sg2 = p2 >> 15

        // UPPOL2: second pole coefficient.
        let wd1 = g722Saturate(a1 << 2)
        let wd2 = min(sg0 == sg1 ? -wd1 : wd1, 32767)  // -(-32768) must saturate too
        var ap2 = (sg0 == sg2 ? 128 : -128) &+ (wd2 >> 7) &+ ((a2 &* 32512) >> 15)
        ap2 = min(max(ap2, -12288), 12288)

        // UPPOL1: first pole coefficient, bounded by the stability limit 15360 - |A2|.
        var ap1 = g722Saturate((sg0 == sg1 ? 192 : -192) &+ ((a1 &* 32640) >> 15))
        let bound = g722Saturate(15360 &- ap2)
        ap1 = min(max(ap1, -bound), bound)

        // UPZERO: sign-sign update of the six zero coefficients.
        let step: Int32 = dx == 0 ? 0 : 128
        let sgx = dx >> 15
        for i in 1...6 {
            let agree = (d[i] >> 15) == sgx
            b[i] = g722Saturate((agree ? step : -step) &+ ((b[i] &* 32640) >> 15))
        }

        // DELAYA: shift the delay lines.
        for i in stride(from: 6, to: 1, by: -1) { d[i] = d[i - 1] }
        d[1] = dx
        r2 = r1; r1 = r0
        p2 = p1; p1 = p0
        a2 = ap2; a1 = ap1

        // FILTEP: pole section.
        let pole = g722Saturate(((a1 &* g722Saturate(r1 &+ r1)) >> 15) &+ ((a2 &* g722Saturate(r2 &+ r2)) >> 15))

        // FILTEZ: zero section, each product truncated before summing.
        var zero: Int32 = 0
        for i in 1...6 { zero &+= (b[i] &* g722Saturate(d[i] &+ d[i])) >> 15 }
        sz = g722Saturate(zero)

        // PREDIC.
        s = g722Saturate(pole &+ sz)
    }
}
