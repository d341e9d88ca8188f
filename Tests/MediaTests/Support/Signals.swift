import Foundation

/// Test signals and measurements shared by the media tests.
enum Signals {
    /// A sine as 16-bit PCM.
    static func sine(frequency: Double, sampleRate: Int, count: Int, amplitude: Double = 0.5, phase: Double = 0) -> [Int16] {
        (0..<count).map { n in
            Int16(clamping: Int((amplitude * 32767 * sin(phase + 2 * .pi * frequency * Double(n) / Double(sampleRate))).rounded()))
        }
    }

    /// Power of one frequency in `samples` (Goertzel), normalised by length.
    static func power(of frequency: Double, in samples: [Int16], sampleRate: Int) -> Double {
        let w = 2 * Double.pi * frequency / Double(sampleRate)
        let coefficient = 2 * cos(w)
        var s1 = 0.0, s2 = 0.0
        for x in samples {
            let s0 = Double(x) + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        let power = s1 * s1 + s2 * s2 - coefficient * s1 * s2
        return power / Double(max(samples.count, 1))
    }

    /// Signal-to-noise ratio in dB of `decoded` against `reference`, after shifting
    /// `decoded` by `delay` samples (codecs such as G.722 and Opus delay their output).
    static func snr(reference: [Int16], decoded: [Int16], delay: Int = 0) -> Double {
        var signal = 0.0, noise = 0.0
        for i in 0..<reference.count where i + delay < decoded.count && i + delay >= 0 {
            let r = Double(reference[i])
            let d = Double(decoded[i + delay]) - r
            signal += r * r
            noise += d * d
        }
        return 10 * log10(signal / max(noise, 1e-9))
    }

    /// Root-mean-square level in dBFS.
    static func levelDBFS(_ samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return -.infinity }
        let meanSquare = samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)
        return 10 * log10(max(meanSquare, 1e-12) / (32768.0 * 32768.0))
    }
}
