#if canImport(Glibc)
import Glibc
#endif
import Audio
import Media

/// What the user changes on the sound card from the command language: which devices, the
/// gains, and what it looks like now (device, levels for VU meters, gains).
extension SoundDevices {
    /// The device roles a user can choose.
    public enum Role: String, Sendable, CaseIterable {
        case input, output, ring
    }

    /// The call device now, for `audio` (one line each).
    public func status() -> [String] {
        var lines: [String] = []
        let backendName = settings.backend == .auto ? "auto" + (resolvedBackend.map { " (\($0.rawValue))" } ?? "") : settings.backend.rawValue
        lines.append("backend \(backendName); input \(settings.input ?? "default"), output \(settings.output ?? "default"), "
                     + "ring \(settings.ringOutput ?? settings.output ?? "default")")
        lines.append("gain: microphone \(Self.decibels(gains.capture)), speaker \(Self.decibels(gains.playback))"
                     + (microphoneMuted ? "; microphone muted" : ""))
        if let device = current {
            let mic = device.controls.level(.capture), speaker = device.controls.level(.playback)
            var line = "open: \(device.description); level microphone \(Self.level(mic)), speaker \(Self.level(speaker))"
            if !xruns.isEmpty {
                // Each one is a click or gap the user heard: the device ran late and recovered.
                line += "; xruns: playback \(xruns[.playback] ?? 0), capture \(xruns[.capture] ?? 0)"
            }
            lines.append(line)
        } else {
            lines.append("closed (it opens when a call is answered)")
        }
        return lines
    }

    /// The backend's devices, for `audio devices`.
    public func devices() throws(AudioError) -> [AudioDeviceInfo] {
        switch backendForListing() {
        case .pulse: return try PulseDeviceList.list(server: settings.pulseServer)
        case .alsa: return try AlsaDeviceList.list()
        default: return []
        }
    }

    /// Uses `name` (nil: the default) for `role` from now on; a call in progress moves to it.
    public func use(_ role: Role, device name: String?) async {
        switch role {
        case .input: settings.input = name
        case .output: settings.output = name
        case .ring: settings.ringOutput = name
        }
        if let pulse = current as? PulseDevice, role != .ring {
            pulse.switchDevice(role == .input ? .capture : .playback, to: name)
        } else if current != nil, role != .ring {
            await reopenCall()
        }
    }

    /// Software gain in decibels, clamped to −40…+24 and kept for later devices too;
    /// returns the gain set.
    @discardableResult
    public func setGain(_ direction: AudioDirection, decibels: Double) -> Double {
        let clamped = min(24, max(-40, decibels))
        switch direction {
        case .capture: gains.capture = clamped
        case .playback: gains.playback = clamped
        }
        current?.controls.setGain(direction, decibels: clamped)
        return clamped
    }

    /// Mutes or unmutes the microphone at the device, now and for devices opened later.
    public func setMicrophoneMuted(_ muted: Bool) {
        microphoneMuted = muted
        current?.controls.isMuted = muted
    }

    /// The levels now, for VU meters (nil levels while no device is open).
    public func levels() -> SoundLevels {
        let controls = current?.controls
        return SoundLevels(microphone: controls?.level(.capture).rms, speaker: controls?.level(.playback).rms,
                           microphoneMuted: microphoneMuted)
    }

    static func decibels(_ value: Double) -> String {
        let whole = Int(value.rounded())
        return whole == 0 ? "0 dB" : (whole > 0 ? "+" : "") + "\(whole) dB"
    }

    /// RMS in dBFS, or "silent".
    static func level(_ level: AudioLevel) -> String {
        guard level.rms > 0.00001 else { return "silent" }
        return "\(Int((20 * log10(level.rms)).rounded())) dBFS"
    }
}
