/// Renders comfort noise from RFC 3389 parameters: seeded white noise at the requested
/// level, shaped through an all-pole lattice filter when reflection coefficients came.
///
/// Coefficient convention: for order 1 the filter is y(n) = e(n) - k1·y(n-1), i.e.
/// 1/A(z) with A(z) = 1 + k1 z⁻¹ (the step-up recursion sets a_i = k_i), so k1 > 0 tilts
/// the noise toward high frequencies. The excitation is scaled by √Π(1-kᵢ²), the filter's
/// prediction error power, so the output has the requested level whatever the shape.
public final class ComfortNoiseGenerator {
    private var random: UInt64
    /// Reflection coefficients and the lattice's backward states, preallocated.
    private var k = [Double](repeating: 0, count: ComfortNoisePayload.maxOrder)
    private var g = [Double](repeating: 0, count: ComfortNoisePayload.maxOrder + 1)
    private var order = 0
    private var excitationRMS = 0.0

    /// A generator that stays silent until `update(with:)`; `seed` fixes the noise.
    public init(seed: UInt64 = 0x9E37_79B9_7F4A_7C15) {
        random = seed == 0 ? 1 : seed
    }

    /// Takes new parameters from a parsed SID frame.
    public func update(with payload: ComfortNoisePayload) {
        payload.quantisedCoefficients.withUnsafeBytes { apply(level: payload.level, coefficients: $0) }
    }

    /// Takes new parameters straight from a CN RTP payload, without allocating (the
    /// real-time path); coefficients past `ComfortNoisePayload.maxOrder` are ignored.
    public func update(payload: UnsafeRawBufferPointer) throws(CodecError) {
        guard payload.count >= 1 else { throw .badPayload("empty comfort noise payload") }
        apply(level: payload[0] & 0x7F, coefficients: UnsafeRawBufferPointer(rebasing: payload[1...]))
    }

    private func apply(level: UInt8, coefficients: UnsafeRawBufferPointer) {
        order = min(coefficients.count, ComfortNoisePayload.maxOrder)
        var gain = 1.0
        for i in 0..<order {
            let ki = ComfortNoisePayload.coefficient(coefficients[i])
            k[i] = ki
            gain *= 1 - ki * ki
        }
        for i in 0..<g.count { g[i] = 0 }
        excitationRMS = ComfortNoisePayload.rmsAmplitude(level: level) * gain.squareRoot()
    }

    /// Fills `pcm` with noise; returns its count.
    @discardableResult
    public func render(into pcm: UnsafeMutableBufferPointer<Int16>) -> Int {
        // Uniform noise on [-1, 1) has variance 1/3.
        let scale = excitationRMS * 3.0.squareRoot()
        for n in 0..<pcm.count {
            var f = nextUniform() * scale
            // All-pole lattice, from the highest stage down: f_{i-1} = f_i - k_i g_{i-1}(n-1),
            // g_i(n) = k_i f_{i-1} + g_{i-1}(n-1); the output is f_0 = g_0(n).
            var i = order
            while i > 0 {
                f -= k[i - 1] * g[i - 1]
                g[i] = k[i - 1] * f + g[i - 1]
                i -= 1
            }
            g[0] = f
            pcm[n] = Int16(clamping: Int(f.rounded()))
        }
        return pcm.count
    }

    /// xorshift64*: a uniform value in [-1, 1).
    private func nextUniform() -> Double {
        random ^= random >> 12
        random ^= random << 25
        random ^= random >> 27
        let bits = (random &* 0x2545_F491_4F6C_DD1D) >> 11
        return Double(bits) / Double(1 << 52) - 1
    }
}
