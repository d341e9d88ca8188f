#if canImport(Glibc)
import Glibc
#endif

/// The sound card's levels for VU meters, and the device-level microphone mute.
public struct SoundLevels: Sendable, Equatable {
    /// RMS of the last microphone chunk, 0…1 of full scale, measured before the mute (so
    /// a meter shows the user talking while muted); nil while no device is open.
    public var microphone: Double?
    /// RMS of the last chunk played to the speaker, 0…1; nil while no device is open.
    public var speaker: Double?
    /// The microphone is muted at the device (`audio mute`): every call sends silence.
    public var microphoneMuted: Bool

    public init(microphone: Double?, speaker: Double?, microphoneMuted: Bool) {
        self.microphone = microphone
        self.speaker = speaker
        self.microphoneMuted = microphoneMuted
    }

    /// `linear` (0…1 of full scale) in whole dBFS, −120 for silence.
    public static func decibels(_ linear: Double) -> Int {
        linear > 1e-6 ? Int((20 * log10(linear)).rounded()) : -120
    }
}
