import Glibc

/// Renders a `TonePlan` into PCM, frame by frame, without allocating. Starts and stops
/// of each burst are ramped over 4 ms so the cadence does not click.
public struct ToneGenerator {
    public let plan: TonePlan
    public let sampleRate: Int
    private var sample = 0
    private let amplitude: Double
    private let rampSamples: Int

    public init(plan: TonePlan, sampleRate: Int) {
        self.plan = plan
        self.sampleRate = sampleRate
        amplitude = 32767 * pow(10, plan.level / 20)
        rampSamples = max(1, sampleRate / 250)
    }

    /// True once a tone that plays once has finished.
    public var finished: Bool { plan.once && plan.period > 0 && sample * 1000 / sampleRate >= plan.period }

    /// Writes the next `frame.count` samples (replacing what is there).
    public mutating func render(into frame: UnsafeMutableBufferPointer<Int16>) {
        for i in frame.indices {
            frame[i] = Int16(clamping: Int(next().rounded()))
        }
    }

    /// Adds the next `frame.count` samples to what is there (a tone over a call's audio).
    public mutating func mix(into frame: UnsafeMutableBufferPointer<Int16>) {
        for i in frame.indices {
            frame[i] = Int16(clamping: Int(frame[i]) + Int(next().rounded()))
        }
    }

    private mutating func next() -> Double {
        defer { sample += 1 }
        let gain = envelope(at: sample)
        guard gain > 0 else { return 0 }
        let t = Double(sample) / Double(sampleRate)
        var value = 0.0
        for f in plan.frequencies { value += sin(2 * .pi * f * t) }
        if plan.modulation > 0 { value *= 0.5 * (1 + sin(2 * .pi * plan.modulation * t)) }
        return value * amplitude * gain
    }

    /// 0…1: off, ramping, or on.
    private func envelope(at n: Int) -> Double {
        let ms = n * 1000 / sampleRate
        guard plan.isOn(atMillisecond: ms) else { return 0 }
        guard !plan.cadence.isEmpty, plan.period > 0 else { return 1 }
        // Distance in samples to the nearest edge of the current burst.
        let periodSamples = plan.period * sampleRate / 1000
        var position = periodSamples > 0 ? n % periodSamples : n
        for (i, length) in plan.cadence.enumerated() {
            let lengthSamples = length * sampleRate / 1000
            if position < lengthSamples {
                guard i % 2 == 0 else { return 0 }
                let edge = min(position, lengthSamples - position)
                return min(1, Double(edge) / Double(rampSamples))
            }
            position -= lengthSamples
        }
        return 0
    }
}
