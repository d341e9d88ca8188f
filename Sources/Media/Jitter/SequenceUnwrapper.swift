/// Extends RTP's wrapping counters (16-bit sequence numbers, 32-bit timestamps) to 64
/// bits so that ordering survives wrap-around. Each value is read as the one nearest
/// (modulo 2^bits) to the highest seen so far, so reordered packets land behind it.
struct SequenceUnwrapper: Sendable {
    private let bits: Int
    private var highest: Int64?

    /// `bits` is 16 for sequence numbers, 32 for timestamps.
    init(bits: Int) {
        self.bits = bits
    }

    /// The 64-bit value of `value`; the reference moves forward only.
    mutating func unwrap(_ value: UInt32) -> Int64 {
        let extended = peek(value)
        if extended > (highest ?? .min) { highest = extended }
        return extended
    }

    /// The 64-bit value of `value` without moving the reference.
    func peek(_ value: UInt32) -> Int64 {
        let modulus = Int64(1) << Int64(bits)
        let raw = Int64(value) & (modulus - 1)
        guard let highest else { return raw }
        var delta = (raw - (highest & (modulus - 1))) & (modulus - 1)
        if delta >= modulus / 2 { delta -= modulus }
        return highest &+ delta
    }

    mutating func reset() {
        highest = nil
    }
}
