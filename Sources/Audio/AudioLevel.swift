import Glibc

/// Peak and RMS of some samples, for VU meters and the audio test.
public struct AudioLevel: Sendable, Equatable, CustomStringConvertible {
    /// Largest magnitude, 0…1 of full scale.
    public var peak: Double
    /// Root mean square, 0…1 of full scale.
    public var rms: Double

    public init(peak: Double, rms: Double) {
        self.peak = peak
        self.rms = rms
    }

    /// No signal at all.
    public static let silence = AudioLevel(peak: 0, rms: 0)

    /// The level of `samples`.
    public init(of samples: UnsafeBufferPointer<Int16>) {
        var peak = 0
        var sum = 0.0
        for sample in samples {
            let magnitude = abs(Int(sample))
            peak = max(peak, magnitude)
            sum += Double(sample) * Double(sample)
        }
        self.peak = Double(peak) / 32768
        rms = samples.isEmpty ? 0 : (sum / Double(samples.count)).squareRoot() / 32768
    }

    /// Peak in dBFS (−∞ for silence, shown as −120).
    public var peakDBFS: Double { AudioLevel.dBFS(peak) }
    /// RMS in dBFS (a full-scale sine is −3 dBFS).
    public var rmsDBFS: Double { AudioLevel.dBFS(rms) }

    static func dBFS(_ linear: Double) -> Double {
        linear > 1e-6 ? 20 * log10(linear) : -120
    }

    public var description: String {
        "peak \(AudioLevel.rounded(peakDBFS)) dBFS, RMS \(AudioLevel.rounded(rmsDBFS)) dBFS"
    }

    static func rounded(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return "\(tenths)"
    }
}
