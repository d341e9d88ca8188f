import Foundation

/// Measurements on PCM for the concealment and stretching tests.
enum AudioChecks {
    /// Largest step between neighbouring samples.
    static func maxJump(_ x: [Int16]) -> Int {
        maxJump(x[...])
    }

    static func maxJump(_ x: ArraySlice<Int16>) -> Int {
        x.withUnsafeBufferPointer { b in
            var largest = 0
            for i in b.indices.dropFirst() { largest = max(largest, abs(Int(b[i]) - Int(b[i - 1]))) }
            return largest
        }
    }

    /// Largest step a sine of this frequency and amplitude (0…1) can make.
    static func maxSlope(frequency: Double, sampleRate: Int, amplitude: Double = 0.5) -> Double {
        2 * .pi * frequency / Double(sampleRate) * amplitude * 32767
    }

    /// A tone with harmonics, like voiced speech.
    static func harmonic(f0: Double, sampleRate: Int, count: Int) -> [Int16] {
        (0..<count).map { n in
            let t = Double(n) / Double(sampleRate)
            let v = 0.3 * sin(2 * .pi * f0 * t) + 0.15 * sin(2 * .pi * 2 * f0 * t + 0.5) + 0.08 * sin(2 * .pi * 3 * f0 * t + 1)
            return Int16((v * 32767).rounded())
        }
    }

    static func meanSquare(_ x: ArraySlice<Int16>) -> Double {
        x.isEmpty ? 0 : x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count)
    }
}
