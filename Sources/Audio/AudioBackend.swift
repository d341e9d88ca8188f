import CAlsa

/// Which backend to use: the `backend` setting.
public enum AudioBackendKind: String, Sendable, Equatable, CaseIterable {
    case auto, pulse, alsa, wav, null
}

/// What `backend = "auto"` decided, and why (shown to the user; a warning when it fell to null).
public struct AudioBackendChoice: Sendable, Equatable, CustomStringConvertible {
    /// `.pulse`, `.alsa` or `.null`.
    public var backend: AudioBackendKind
    /// Why, in a sentence.
    public var reason: String
    /// True when the user should see it as a warning (no sound will be heard).
    public var isWarning: Bool

    public var description: String { (isWarning ? "warning: " : "") + "audio backend \(backend.rawValue): \(reason)" }
}

/// Decides `backend = "auto"`: PulseAudio when a server answers, else ALSA when its
/// configured PCMs open, else null with a warning.
public enum AudioBackendSelection {
    /// Probes `pulseServer` (nil: the user's server) and then the ALSA PCMs `alsaCapture`
    /// and `alsaPlayback` (with `alsaConfigurationText` when given).
    public static func choose(pulseServer: String? = nil, alsaCapture: String = "default", alsaPlayback: String = "default",
                              alsaConfigurationText: String? = nil) -> AudioBackendChoice {
        let pulseFailure: String
        do {
            let connection = try PulseConnection(server: pulseServer, timeoutMilliseconds: 1000)
            connection.close()
            return AudioBackendChoice(backend: .pulse, reason: "a PulseAudio server answers at \(pulseServer ?? "the default address")",
                                      isWarning: false)
        } catch {
            pulseFailure = error.reason
        }
        do {
            for (name, direction) in [(alsaCapture, AudioDirection.capture), (alsaPlayback, .playback)] {
                _ = try AlsaPCM(name: name, direction: direction, format: AudioFormat(), latencyMilliseconds: 40,
                                configurationText: alsaConfigurationText)
            }
            return AudioBackendChoice(backend: .alsa,
                                      reason: "no PulseAudio server (\(pulseFailure)); ALSA PCMs \(alsaCapture) and \(alsaPlayback) open",
                                      isWarning: false)
        } catch {
            return AudioBackendChoice(backend: .null,
                                      reason: "no PulseAudio server (\(pulseFailure)) and no ALSA device (\(error.reason)); "
                                          + "calls will be silent", isWarning: true)
        }
    }
}
