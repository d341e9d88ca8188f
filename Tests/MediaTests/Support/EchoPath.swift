import Foundation
import TestLab

/// A synthetic room for echo tests: what the speaker plays, as the microphone hears it.
enum EchoPath {
    /// 20 ms of delay, then 100 ms of exponentially decaying reflections (a direct path
    /// and 80 reflections, so that tests convolve quickly), scaled so the echo is about
    /// 6 dB below the far-end signal, as a laptop's speaker and microphone give.
    static func roomResponse(seed: UInt64, rate: Int) -> [Double] {
        var rng = SeededRandom(seed: seed)
        let delay = rate / 50
        var h = [Double](repeating: 0, count: delay + rate / 10)
        for _ in 0..<80 {
            let i = Int(rng.next() % UInt64(rate / 10))
            let noise = Double(rng.next() >> 11) / Double(1 << 53) - 0.5
            h[delay + i] += noise * exp(-Double(i) / Double(rate / 40))
        }
        h[delay] = 0.5
        let energy = h.reduce(0) { $0 + $1 * $1 }
        return h.map { $0 * sqrt(0.25 / energy) }
    }

    /// Speech at `rate`: the far-end talker, or a second (female) voice for the near end.
    static func speech(_ sentences: ArraySlice<String>, voice: String = "en-us", rate: Int) async throws -> [Int16] {
        try await Lab.run { lab in
            try await Speech.synthesize(sentences.joined(separator: " "), voice: voice, sampleRate: rate, in: lab).samples
        }
    }

    static func convolve(_ x: [Int16], _ h: [Double]) -> [Double] {
        let taps = h.enumerated().filter { $0.element != 0 }
        var y = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                for (k, c) in taps {
                    var n = k
                    while n < x.count {
                        y[n] += c * Double(x[n - k])
                        n += 1
                    }
                }
            }
        }
        return y
    }

    static func energy<C: Collection>(_ x: C) -> Double where C.Element == Int16 {
        x.reduce(0) { $0 + Double($1) * Double($1) }
    }
}
