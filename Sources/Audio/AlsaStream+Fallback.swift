import Glibc

/// When an ALSA PCM dies under a running stream: the stream carries on through the
/// fallback PCM (`deviceLost`), and goes back to the configured PCM once it opens again
/// (`deviceBack`), as the PulseAudio backend does with sinks and sources.
///
/// Runs on the device thread. Opening a PCM allocates and may block for a few
/// milliseconds (the pulse plugin connects to its server); that happens only after a
/// failure and, while on the fallback, once a second — never in the steady state of the
/// configured device.
extension AlsaStream {
    /// How often a missing configured PCM is tried again.
    static let probeInterval: Int64 = 1_000_000_000

    /// The PCM cannot be recovered: moves to the fallback (or, on the fallback, back to
    /// the configured PCM). False, with `AudioEvent.failed`, when neither opens.
    func replaceDeadPCM() -> Bool {
        let dead = currentName
        let candidates = onFallback ? [configuredName] : [fallbackName].compactMap { $0 }
        for name in candidates {
            guard let replacement = try? open(name) else { continue }
            adopt(replacement, fallback: name != configuredName)
            if name == configuredName {
                events.emit(.deviceBack(direction, device: name))
            } else {
                events.emit(.deviceLost(direction, device: dead, fallback: name))
            }
            return true
        }
        events.emit(.failed(direction, AudioError(device: "alsa:\(dead)", operation: "\(direction)",
                                                  reason: lastError.isEmpty ? "the device went away" : lastError)))
        return false
    }

    /// On the fallback: tries the configured PCM and, when it opens, uses it again.
    func returnToConfigured() {
        nextProbe = MonotonicClock.now() + Self.probeInterval
        guard let configured = try? open(configuredName) else { return }
        _ = snd.pcm_drop(pcm.handle)
        adopt(configured, fallback: false)
        events.emit(.deviceBack(direction, device: configuredName))
    }

    /// Uses `replacement` from now on (the old PCM closes as it is released).
    private func adopt(_ replacement: AlsaPCM, fallback: Bool) {
        pcm = replacement
        onFallback = fallback
        usingFallback.store(fallback, ordering: .relaxed)
        nextProbe = MonotonicClock.now() + Self.probeInterval
        publishGranted()
        if direction == .capture { _ = snd.pcm_start(pcm.handle) }
    }
}
