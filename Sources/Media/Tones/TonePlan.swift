/// A call-progress tone as a plan: frequencies sounded together, an optional amplitude
/// modulation, and an on/off cadence that repeats (or plays once).
public struct TonePlan: Hashable, Sendable {
    /// Frequencies in Hz, summed (e.g. 440 + 480 for the North American ringback).
    public var frequencies: [Double]
    /// Amplitude modulation in Hz (Japan's ringback is 400 Hz modulated at 16 Hz); 0: none.
    public var modulation: Double
    /// Alternating on and off durations in milliseconds, starting with "on". Empty: continuous.
    public var cadence: [Int]
    /// Plays the cadence once and then stays silent (a call-waiting beep burst).
    public var once: Bool
    /// Peak level of each frequency in dBFS (a full-scale sine is 0 dBFS; -16 dBFS is
    /// about the -13 dBm0 that tone plans specify).
    public var level: Double

    public init(frequencies: [Double], modulation: Double = 0, cadence: [Int] = [], once: Bool = false, level: Double = -16) {
        self.frequencies = frequencies
        self.modulation = modulation
        self.cadence = cadence
        self.once = once
        self.level = level
    }

    /// One cycle of the cadence in milliseconds (0 when continuous).
    public var period: Int { cadence.reduce(0, +) }

    /// Whether the tone sounds `ms` milliseconds after it started.
    public func isOn(atMillisecond ms: Int) -> Bool {
        guard !cadence.isEmpty, period > 0 else { return true }
        if once, ms >= period { return false }
        var t = ms % period
        for (i, length) in cadence.enumerated() {
            if t < length { return i % 2 == 0 }
            t -= length
        }
        return false
    }

    /// The DTMF pair for a key (feedback while dialling); nil for other characters.
    public static func dtmf(_ key: Character) -> TonePlan? {
        let rows: [Double] = [697, 770, 852, 941]
        let columns: [Double] = [1209, 1336, 1477, 1633]
        let keys: [[Character]] = [["1", "2", "3", "A"], ["4", "5", "6", "B"], ["7", "8", "9", "C"], ["*", "0", "#", "D"]]
        let upper = Character(key.uppercased())
        for (r, row) in keys.enumerated() {
            if let c = row.firstIndex(of: upper) {
                return TonePlan(frequencies: [rows[r], columns[c]], cadence: [100, 0], once: true, level: -12)
            }
        }
        return nil
    }
}
