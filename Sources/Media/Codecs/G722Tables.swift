/// The constant tables of ITU-T G.722 (64 kbit/s mode), named as in the Recommendation.
enum G722Tables {
    /// QMF coefficients h0, h2, … h22 (the odd ones are the same, reversed).
    static let qmf: [Int32] = [3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11]

    /// Lower band: decision levels of the 6-bit quantiser (QUANTL, Q6), in units of DETL/4096.
    static let q6: [Int32] = [
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0,
    ]
    /// Lower band codes for negative (ILN) and positive (ILP) errors, by interval.
    static let iln: [Int32] = [
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0,
    ]
    static let ilp: [Int32] = [
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0,
    ]
    /// Lower band inverse quantiser, 6-bit codes (QQ6, used for the output).
    static let qm6: [Int32] = [
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136,
    ]
    /// Lower band inverse quantiser, 4-bit truncated codes (QQ4, used for adaptation).
    static let qm4: [Int32] = [
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
    ]
    /// Lower band log scale factor multipliers (WL) and the 4-bit code to index map (RIL).
    static let wl: [Int32] = [-60, -30, 58, 172, 334, 538, 1198, 3042]
    static let rl42: [Int32] = [0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0]

    /// Higher band: codes for negative/positive errors by interval, inverse quantiser,
    /// log scale factor multipliers and the code to index map.
    static let ihn: [Int32] = [0, 1, 0]
    static let ihp: [Int32] = [0, 3, 2]
    static let qm2: [Int32] = [-7408, -1616, 7408, 1616]
    static let wh: [Int32] = [0, -214, 798]
    static let rh2: [Int32] = [2, 1, 2, 1]

    /// Inverse log base 2 (ILB): 2048 · 2^(i/32), rounded.
    static let ilb: [Int32] = [
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    ]
}

/// Saturates to the 16-bit range, as the Recommendation's arithmetic does.
@inline(__always)
func g722Saturate(_ x: Int32) -> Int32 { min(max(x, -32768), 32767) }
