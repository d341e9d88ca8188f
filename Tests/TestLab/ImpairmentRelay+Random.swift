import Hashing

/// The impairment relay's generator: SplitMix64, so the same seed gives the same sequence
/// on every run and machine, which the relay and its tests rely on.
public typealias RelayRandom = SplitMix64

extension SplitMix64 {
    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
