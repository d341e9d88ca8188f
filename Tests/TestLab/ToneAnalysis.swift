import Foundation

/// What a recording holds: its strongest tone, how loud it is, and how much of the
/// recording it fills.
public struct ToneAnalysis: Sendable, CustomStringConvertible {
    /// The dominant frequency in Hz (to 0.25 Hz), 0 for silence.
    public let frequency: Double
    /// RMS level of that tone, in dB relative to full scale.
    public let levelDBFS: Double
    /// Tone power over the power of everything else, in dB.
    public let signalToNoiseDB: Double
    /// Seconds of the recording (in 100 ms frames) where the tone holds most of the power.
    public let toneSeconds: Double
    /// Length of the recording in seconds.
    public let seconds: Double

    public var description: String {
        String(format: "%.1f Hz at %.1f dBFS, SNR %.1f dB, tone for %.1f of %.1f s",
               frequency, levelDBFS, signalToNoiseDB, toneSeconds, seconds)
    }

    /// Analyses one channel of `wav` (the first by default).
    public init(_ wav: WAV, channel: Int = 0) {
        self.init(samples: wav.channel(channel).map { Double($0) / 32768 }, sampleRate: Double(wav.sampleRate))
    }

    /// Finds the dominant frequency with a Goertzel scan over the loudest 4096 samples: one
    /// step per DFT bin, then 0.25 Hz steps around the best bin.
    public init(samples: [Double], sampleRate: Double) {
        seconds = sampleRate > 0 ? Double(samples.count) / sampleRate : 0
        let window = Self.hann(Self.loudestStretch(samples, length: 4096))
        guard window.count >= 64, sampleRate > 0 else {
            (frequency, levelDBFS, signalToNoiseDB, toneSeconds) = (0, -.infinity, -.infinity, 0)
            return
        }
        let nyquist = sampleRate / 2
        let bin = sampleRate / Double(window.count)
        var best = (f: 0.0, power: -1.0)
        for f in stride(from: bin, to: nyquist, by: bin) {
            let p = Goertzel.power(window, frequency: f, sampleRate: sampleRate)
            if p > best.power { best = (f, p) }
        }
        for f in stride(from: max(1, best.f - bin), through: min(nyquist - 1, best.f + bin), by: 0.25) {
            let p = Goertzel.power(window, frequency: f, sampleRate: sampleRate)
            if p > best.power { best = (f, p) }
        }
        frequency = best.f
        // Through a Hann window a sine of amplitude A gives |X| ≈ A·N/4, so its mean power
        // A²/2 is 8|X|²/N²; the window keeps 3/8 of the mean power of the whole signal.
        let n = Double(window.count)
        let total = Self.meanPower(window) * 8 / 3
        let tonePower = min(8 * best.power / (n * n), total)
        let noisePower = max(total - tonePower, 1e-12)
        levelDBFS = 10 * log10(max(tonePower, 1e-12))
        signalToNoiseDB = 10 * log10(max(tonePower, 1e-12) / noisePower)
        toneSeconds = Self.toneSeconds(samples, frequency: best.f, sampleRate: sampleRate)
    }

    /// `x` times a Hann window, which keeps a tone's energy in its own bins.
    private static func hann(_ x: ArraySlice<Double>) -> ArraySlice<Double> {
        let n = Double(max(1, x.count - 1))
        return x.enumerated().map { i, v in v * 0.5 * (1 - cos(2 * Double.pi * Double(i) / n)) }[...]
    }

    private static func meanPower(_ x: ArraySlice<Double>) -> Double {
        x.isEmpty ? 0 : x.reduce(0) { $0 + $1 * $1 } / Double(x.count)
    }

    /// The `length` samples with the most energy, searched in steps of `length` / 4.
    private static func loudestStretch(_ x: [Double], length: Int) -> ArraySlice<Double> {
        guard x.count > length, length > 0 else { return x[...] }
        let step = max(1, length / 4)
        var best = (start: 0, energy: -1.0)
        for start in stride(from: 0, through: x.count - length, by: step) {
            let e = meanPower(x[start..<start + length])
            if e > best.energy { best = (start, e) }
        }
        return x[best.start..<best.start + length]
    }

    /// 100 ms frames where the tone is above -50 dBFS and carries over half the power.
    private static func toneSeconds(_ x: [Double], frequency: Double, sampleRate: Double) -> Double {
        let frame = max(1, Int(sampleRate / 10))
        var count = 0
        for start in stride(from: 0, to: x.count - frame + 1, by: frame) {
            let slice = hann(x[start..<start + frame])
            let n = Double(frame)
            let tone = 8 * Goertzel.power(slice, frequency: frequency, sampleRate: sampleRate) / (n * n)
            let total = meanPower(slice) * 8 / 3
            if tone > 1e-5, tone > 0.5 * total { count += 1 }
        }
        return Double(count * frame) / sampleRate
    }
}

/// The Goertzel algorithm: the power of one DFT bin at any frequency.
enum Goertzel {
    /// |X(f)|² over `x`.
    static func power(_ x: ArraySlice<Double>, frequency: Double, sampleRate: Double) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * frequency / sampleRate)
        var s1 = 0.0, s2 = 0.0
        for sample in x {
            let s0 = sample + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2
    }
}
