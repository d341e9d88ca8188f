/// A seeded SplitMix64: every media test that needs randomness draws from one of these,
/// so runs repeat exactly.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Fills `buffer` with random bytes, eight per draw (a tail under eight is left).
    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        for offset in stride(from: 0, to: buffer.count - 7, by: 8) {
            buffer.storeBytes(of: next(), toByteOffset: offset, as: UInt64.self)
        }
    }
}
