import Glibc

/// What `pipit audio test` found: the levels of the recording, judged.
public struct AudioCheckResult: Sendable, Equatable, CustomStringConvertible {
    /// The level of the whole recording.
    public var recorded: AudioLevel
    /// The level of the loudest 100 ms of the recording (what a voice peaks at).
    public var loudest: AudioLevel
    /// Samples at or next to full scale.
    public var clippedSamples: Int
    /// Seconds recorded.
    public var seconds: Double
    /// The tone that was played, Hz.
    public var toneFrequency: Double
    /// The recording's own samples (played back by `AudioCheck`; for a caller to save).
    public var recording: [Int16]

    /// No usable signal: the loudest 100 ms stay under −60 dBFS.
    public var isSilent: Bool { loudest.rmsDBFS < -60 }
    /// Over 0.1 % of samples clipped.
    public var isClipping: Bool { Double(clippedSamples) > Double(recording.count) * 0.001 }

    /// A few lines for the user.
    public var summary: String {
        var lines = [
            "played a \(Int(toneFrequency)) Hz tone, recorded \(AudioLevel.rounded(seconds)) s and played it back",
            "recording: \(recorded); loudest 100 ms: \(loudest)",
        ]
        if isSilent {
            lines.append("no sound was recorded: check the microphone, its mute switch and the input device")
        } else if isClipping {
            lines.append("the recording clips (\(clippedSamples) samples at full scale): lower the input gain")
        } else if loudest.rmsDBFS < -40 {
            lines.append("the microphone is quiet: raise the input gain")
        } else {
            lines.append("the microphone works")
        }
        return lines.joined(separator: "\n")
    }

    public var description: String { summary }
}

/// The `pipit audio test` routine: a tone, a recording, its playback, and levels.
///
/// Runs on the caller's task as the media side of the rings: it writes the tone into the
/// playback ring and drains the capture ring every 10 ms. The recording starts with the
/// tone, so a loop (a speaker the microphone hears, a PulseAudio monitor source) records it.
public enum AudioCheck {
    /// Plays `toneFrequency` Hz at −12 dBFS for `toneSeconds`, records `recordSeconds`
    /// (from the start of the tone), plays the recording back, and measures it. Starts and
    /// stops `device`, which needs both streams.
    public static func run(device: AudioDevice, toneFrequency: Double = 1000, toneSeconds: Double = 1,
                           recordSeconds: Double = 3, playBack: Bool = true) async throws -> AudioCheckResult {
        guard let capture = device.captureRing, let playback = device.playbackRing else {
            throw AudioError(device: device.description, operation: "audio test", reason: "needs a capture and a playback stream")
        }
        let rate = device.format.sampleRate
        let tone = TestTone.sine(frequency: toneFrequency, amplitude: 0.25, sampleRate: rate,
                                      count: Int(toneSeconds * Double(rate)))
        var recording = [Int16](repeating: 0, count: Int(recordSeconds * Double(rate)))
        try device.start()
        defer { device.stop() }
        capture.discardAll()
        var played = 0, recorded = 0
        let slack = device.format.samples(milliseconds: 60)
        // A device that delivers nothing must not hang the test: give up after the recording's
        // length plus 5 s, with what arrived (silence, which the result reports).
        let deadline = ContinuousClock.now + .milliseconds(Int(recordSeconds * 1000) + 5000)
        while recorded < recording.count, ContinuousClock.now < deadline {
            played += feed(tone, from: played, into: playback, keeping: slack)
            recorded += recording.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return capture.read(into: UnsafeMutableBufferPointer(start: base + recorded, count: buffer.count - recorded))
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        recording.removeLast(recording.count - recorded)
        if playBack {
            var sent = 0
            while sent < recording.count {
                sent += feed(recording, from: sent, into: playback, keeping: slack)
                try await Task.sleep(for: .milliseconds(10))
            }
            // Let the last queued samples reach the speaker.
            try await Task.sleep(for: .milliseconds(150))
        }
        return measure(recording, sampleRate: rate, toneFrequency: toneFrequency)
    }

    /// Tops the ring up to `slack` samples from `samples[offset...]`; returns how many went in.
    private static func feed(_ samples: [Int16], from offset: Int, into ring: SampleRing, keeping slack: Int) -> Int {
        let wanted = min(slack - ring.availableToRead, samples.count - offset)
        guard wanted > 0 else { return 0 }
        return samples.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return ring.write(UnsafeBufferPointer(start: base + offset, count: wanted))
        }
    }

    /// Levels of a recording (public for tests and for callers measuring their own).
    public static func measure(_ recording: [Int16], sampleRate: Int, toneFrequency: Double) -> AudioCheckResult {
        let window = max(1, sampleRate / 10)
        var loudest = AudioLevel.silence
        var clipped = 0
        recording.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<min(start + window, buffer.count)])
                let level = AudioLevel(of: slice)
                if level.rms > loudest.rms { loudest = level }
                start += window
            }
            clipped = buffer.reduce(0) { $0 + (abs(Int($1)) >= 32767 ? 1 : 0) }
        }
        let whole = recording.withUnsafeBufferPointer { AudioLevel(of: $0) }
        return AudioCheckResult(recorded: whole, loudest: loudest, clippedSamples: clipped,
                                seconds: Double(recording.count) / Double(sampleRate), toneFrequency: toneFrequency,
                                recording: recording)
    }
}

/// A sine for the audio test (the Media layer has richer tones; Audio does not depend on it).
enum TestTone {
    static func sine(frequency: Double, amplitude: Double, sampleRate: Int, count: Int) -> [Int16] {
        let step = 2 * Double.pi * frequency / Double(sampleRate)
        return (0..<count).map { index in
            Int16((amplitude * 32767 * sin(step * Double(index))).rounded())
        }
    }
}
