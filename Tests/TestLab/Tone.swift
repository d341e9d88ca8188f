import Foundation

/// Test signals.
public enum Tone {
    /// A sine tone of `frequency` Hz, `amplitude` in 0…1 of full scale, as a WAV.
    /// Stereo files carry the same tone on both channels.
    public static func sine(frequency: Double, seconds: Double, sampleRate: Int = 8000, channels: Int = 1,
                            amplitude: Double = 0.5) -> WAV {
        let frames = Int(seconds * Double(sampleRate))
        var samples: [Int16] = []
        samples.reserveCapacity(frames * channels)
        let step = 2 * Double.pi * frequency / Double(sampleRate)
        let peak = max(0, min(1, amplitude)) * Double(Int16.max)
        for n in 0..<frames {
            let value = Int16(peak * sin(step * Double(n)))
            for _ in 0..<channels { samples.append(value) }
        }
        return WAV(sampleRate: sampleRate, channels: channels, samples: samples)
    }

    /// Silence of the given length.
    public static func silence(seconds: Double, sampleRate: Int = 8000, channels: Int = 1) -> WAV {
        WAV(sampleRate: sampleRate, channels: channels,
            samples: Array(repeating: 0, count: Int(seconds * Double(sampleRate)) * channels))
    }
}
