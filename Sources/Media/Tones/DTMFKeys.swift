import Glibc

/// The sixteen DTMF keys: their RFC 4733 event codes (§3.2) and their tone pairs
/// (ITU-T Q.23: a row and a column frequency). One table for events, in-band tones and
/// their detection.
public enum DTMFKeys {
    /// In event-code order: 0–9, *, #, A–D.
    static let byEventCode: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B", "C", "D"]
    static let rowFrequencies: [Double] = [697, 770, 852, 941]
    static let columnFrequencies: [Double] = [1209, 1336, 1477, 1633]
    /// Keypad layout: `layout[row][column]`.
    static let layout: [[Character]] = [["1", "2", "3", "A"], ["4", "5", "6", "B"], ["7", "8", "9", "C"], ["*", "0", "#", "D"]]

    public static func eventCode(for key: Character) -> UInt8? {
        byEventCode.firstIndex(of: key).map(UInt8.init)
    }

    public static func key(forEvent code: UInt8) -> Character? {
        Int(code) < byEventCode.count ? byEventCode[Int(code)] : nil
    }

    /// The key at a keypad position; nil outside it.
    static func key(row: Int, column: Int) -> Character? {
        guard (0..<4).contains(row), (0..<4).contains(column) else { return nil }
        return layout[row][column]
    }

    /// Each key as 100 ms of its tone pair, then 100 ms of silence (what exchanges and IVRs
    /// detect reliably; Q.24 asks 40 ms at least), at `sampleRate`. Other characters are
    /// skipped.
    public static func tones(_ keys: String, sampleRate: Int, toneMilliseconds: Int = 100, gapMilliseconds: Int = 100) -> [Int16] {
        let toneLength = sampleRate * toneMilliseconds / 1000, gapLength = sampleRate * gapMilliseconds / 1000
        var samples: [Int16] = []
        for key in keys.uppercased() {
            guard let row = layout.firstIndex(where: { $0.contains(key) }), let column = layout[row].firstIndex(of: key) else { continue }
            let low = rowFrequencies[row], high = columnFrequencies[column]
            samples.reserveCapacity(samples.count + toneLength + gapLength)
            for n in 0..<toneLength {
                let t = Double(n) / Double(sampleRate)
                // -9 dBFS for each tone, the high one 2 dB louder (the twist exchanges expect).
                let value = 0.28 * sin(2 * .pi * low * t) + 0.35 * sin(2 * .pi * high * t)
                samples.append(Int16(value * 32767))
            }
            samples.append(contentsOf: repeatElement(0, count: gapLength))
        }
        return samples
    }
}
