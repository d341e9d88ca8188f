import Glibc
import Synchronization

/// What the user changes while a device runs, and what the device reports back: mute,
/// software gain, and the level of the last frame in each direction (for VU meters).
///
/// Any thread may set; the device thread reads with relaxed atomics once per chunk and
/// applies them in place (`processCapture` / `processPlayback`), so gain and mute happen
/// on the device side, right next to the hardware, before the capture ring and after the
/// playback ring. No locks, no allocation.
public final class AudioControls: Sendable {
    private let muted = Atomic<Bool>(false)
    private let captureGainBits = Atomic<UInt32>(Float(1).bitPattern)
    private let playbackGainBits = Atomic<UInt32>(Float(1).bitPattern)
    private let captureMeter = LevelMeter()
    private let playbackMeter = LevelMeter()

    public init() {}

    /// Microphone mute: capture delivers silence (the meter still shows the microphone, so
    /// a UI can say "you are talking while muted").
    public var isMuted: Bool {
        get { muted.load(ordering: .relaxed) }
        set { muted.store(newValue, ordering: .relaxed) }
    }

    /// Linear gain applied to captured samples (1 = unchanged), clamped to 0…16.
    public var captureGain: Float {
        get { Float(bitPattern: captureGainBits.load(ordering: .relaxed)) }
        set { captureGainBits.store(AudioControls.clamp(newValue).bitPattern, ordering: .relaxed) }
    }

    /// Linear gain applied to played samples (1 = unchanged), clamped to 0…16.
    public var playbackGain: Float {
        get { Float(bitPattern: playbackGainBits.load(ordering: .relaxed)) }
        set { playbackGainBits.store(AudioControls.clamp(newValue).bitPattern, ordering: .relaxed) }
    }

    /// Sets a gain in decibels (0 dB = unchanged).
    public func setGain(_ direction: AudioDirection, decibels: Double) {
        let linear = Float(pow(10, decibels / 20))
        switch direction {
        case .capture: captureGain = linear
        case .playback: playbackGain = linear
        }
    }

    /// The level of the last chunk the device moved in `direction`.
    public func level(_ direction: AudioDirection) -> AudioLevel {
        switch direction {
        case .capture: captureMeter.level
        case .playback: playbackMeter.level
        }
    }

    /// Device thread: applies capture gain, meters, then mute, in place.
    func processCapture(_ samples: UnsafeMutableBufferPointer<Int16>) {
        AudioControls.apply(gain: captureGain, to: samples)
        captureMeter.measure(UnsafeBufferPointer(samples))
        if isMuted, let base = samples.baseAddress {
            base.update(repeating: 0, count: samples.count)
        }
    }

    /// Device thread: applies playback gain, then meters, in place.
    func processPlayback(_ samples: UnsafeMutableBufferPointer<Int16>) {
        AudioControls.apply(gain: playbackGain, to: samples)
        playbackMeter.measure(UnsafeBufferPointer(samples))
    }

    static func apply(gain: Float, to samples: UnsafeMutableBufferPointer<Int16>) {
        guard gain != 1 else { return }
        for index in samples.indices {
            let scaled = (Float(samples[index]) * gain).rounded()
            samples[index] = Int16(max(-32768, min(32767, scaled)))
        }
    }

    private static func clamp(_ gain: Float) -> Float {
        gain.isNaN ? 1 : max(0, min(16, gain))
    }
}

/// The level of the last measured chunk, published as two atomics (peak and RMS in
/// 1/32768 of full scale). Readers may see a peak and RMS of neighbouring chunks: fine for
/// a meter.
final class LevelMeter: Sendable {
    private let peak = Atomic<Int>(0)
    private let rms = Atomic<Int>(0)

    func measure(_ samples: UnsafeBufferPointer<Int16>) {
        let level = AudioLevel(of: samples)
        peak.store(Int(level.peak * 32768), ordering: .relaxed)
        rms.store(Int(level.rms * 32768), ordering: .relaxed)
    }

    var level: AudioLevel {
        AudioLevel(peak: Double(peak.load(ordering: .relaxed)) / 32768,
                   rms: Double(rms.load(ordering: .relaxed)) / 32768)
    }
}
