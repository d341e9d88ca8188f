import Glibc

/// Finds DTMF keys in audio (in-band DTMF, for peers that send neither RFC 4733 events
/// nor SIP INFO): Goertzel filters at the eight Q.23 frequencies over ~25 ms blocks. A key
/// counts when one row and one column tone carry most of the block's energy, their twist
/// is within limits, and it holds for two blocks (≥ 40 ms, Q.24); it is reported once,
/// until a block without it. Works in place, without allocating after `init`.
public struct DTMFDetector: Sendable {
    public let sampleRate: Int
    private let blockLength: Int
    private let coefficients: [Double]
    private var block: [Double]
    private var filled = 0
    private var candidate: Character?
    private var reported: Character?

    public init(sampleRate: Int) {
        self.sampleRate = max(sampleRate, 8000)
        // 205 samples at 8 kHz (the classic block): bins ~39 Hz apart, 25.6 ms.
        blockLength = self.sampleRate * 205 / 8000
        coefficients = (DTMFKeys.rowFrequencies + DTMFKeys.columnFrequencies).map { 2 * cos(2 * .pi * $0 / Double(max(sampleRate, 8000))) }
        block = [Double](repeating: 0, count: blockLength)
    }

    /// Feeds samples; returns a key when one has just been recognised.
    public mutating func process(_ samples: UnsafeBufferPointer<Int16>) -> Character? {
        var found: Character?
        for sample in samples {
            block[filled] = Double(sample)
            filled += 1
            if filled == blockLength {
                filled = 0
                if let key = decide(analyseBlock()) { found = key }
            }
        }
        return found
    }

    /// The key this block holds, if any.
    private func analyseBlock() -> Character? {
        var energy = 0.0
        for x in block { energy += x * x }
        let n = Double(blockLength)
        // Below -40 dBFS there is nothing to hear.
        guard energy / n > 32768.0 * 32768.0 * 1e-4 else { return nil }
        var powers = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        withUnsafeMutableBytes(of: &powers) { raw in
            let out = raw.bindMemory(to: Double.self)
            for (i, c) in coefficients.enumerated() {
                var s1 = 0.0, s2 = 0.0
                for x in block {
                    let s = x + c * s1 - s2
                    s2 = s1
                    s1 = s
                }
                // |X(f)|² ≈ (A·N/2)² for a tone of amplitude A; the block holds A²·N/2 of it.
                out[i] = (s1 * s1 + s2 * s2 - c * s1 * s2) / (energy * n / 2)
            }
        }
        return withUnsafeBytes(of: powers) { raw -> Character? in
            let p = raw.bindMemory(to: Double.self)
            let (row, rowPower, rowSecond) = Self.strongest(p, 0..<4)
            let (column, columnPower, columnSecond) = Self.strongest(p, 4..<8)
            // Most of the energy in the pair (speech and music spread theirs), each tone
            // present (twist under ~8 dB), and each clearly above its neighbours.
            guard rowPower + columnPower > 0.75, rowPower > 0.12, columnPower > 0.12,
                  rowSecond < rowPower / 6, columnSecond < columnPower / 6 else { return nil }
            return DTMFKeys.key(row: row, column: column - 4)
        }
    }

    private static func strongest(_ p: UnsafeBufferPointer<Double>, _ range: Range<Int>) -> (index: Int, power: Double, second: Double) {
        var best = range.lowerBound, second = 0.0
        for i in range where p[i] > p[best] { best = i }
        for i in range where i != best { second = max(second, p[i]) }
        return (best, p[best], second)
    }

    /// Two blocks in a row make a key; it is reported once until it stops.
    private mutating func decide(_ key: Character?) -> Character? {
        defer { candidate = key }
        guard let key else {
            reported = nil
            return nil
        }
        guard key == candidate, key != reported else { return nil }
        reported = key
        return key
    }
}
