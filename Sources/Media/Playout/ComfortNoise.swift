/// Renders RFC 3389 comfort noise: white noise at the level the peer sent (−dBov; the
/// spectral shape is ignored). A fixed-seed generator keeps tests repeatable.
public struct ComfortNoise: Sendable {
    private var state: UInt32

    public init(seed: UInt32 = 0x1234_5678) {
        state = seed == 0 ? 1 : seed
    }

    /// Fills `out` with noise at `level` −dBov (127 and above: silence).
    public mutating func fill(_ out: UnsafeMutableBufferPointer<Int16>, level: UInt8) {
        guard level < 127 else {
            for i in out.indices { out[i] = 0 }
            return
        }
        // Uniform noise of peak a has RMS a/√3.
        let rms = 32767 * pow10(-Double(level) / 20)
        let peak = Float(rms * 3.0.squareRoot())
        for i in out.indices {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            let unit = Float(state) / Float(UInt32.max) * 2 - 1
            out[i] = Int16(clamping: Int((unit * peak).rounded()))
        }
    }

    /// 10^x without Foundation.
    private func pow10(_ x: Double) -> Double {
        // exp(x ln 10) by range reduction and a short series; |x| ≤ 6.35 here.
        let y = x * 2.302585092994046
        let k = (y / 0.6931471805599453).rounded()
        let r = y - k * 0.6931471805599453
        var term = 1.0, sum = 1.0
        for n in 1...12 {
            term *= r / Double(n)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }
}
