/// G.722's 24-tap quadrature mirror filters: the transmit side splits two 16 kHz input
/// samples into one lower and one higher sub-band sample at 8 kHz; the receive side
/// merges them back. The history keeps the newest sample at the end.
struct G722QMF {
    private var x: [Int32] = Array(repeating: 0, count: 24)

    /// Transmit QMF: consumes two input samples, returns (xL, xH).
    mutating func split(_ first: Int16, _ second: Int16) -> (low: Int32, high: Int32) {
        push(Int32(first), Int32(second))
        // The newest sample (odd positions) meets the even coefficients h0, h2, …
        var even: Int32 = 0, odd: Int32 = 0
        for i in 0..<12 {
            odd &+= x[2 * i] &* G722Tables.qmf[i]
            even &+= x[2 * i + 1] &* G722Tables.qmf[11 - i]
        }
        return ((even &+ odd) >> 14, (even &- odd) >> 14)
    }

    /// Receive QMF: consumes one lower and one higher band sample, returns two outputs.
    mutating func merge(low: Int32, high: Int32) -> (Int16, Int16) {
        push(low &+ high, low &- high)
        var first: Int32 = 0, second: Int32 = 0
        for i in 0..<12 {
            second &+= x[2 * i] &* G722Tables.qmf[i]
            first &+= x[2 * i + 1] &* G722Tables.qmf[11 - i]
        }
        return (Int16(g722Saturate(first >> 11)), Int16(g722Saturate(second >> 11)))
    }

    private mutating func push(_ a: Int32, _ b: Int32) {
        for i in 0..<22 { x[i] = x[i + 2] }
        x[22] = a
        x[23] = b
    }
}

/// What an encoder or a decoder carries from sample to sample: the QMF's history and both
/// sub-band ADPCM states.
struct G722State {
    var qmf = G722QMF()
    var lower = G722Band(.lower)
    var higher = G722Band(.higher)
}
