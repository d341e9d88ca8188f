import Audio
import Foundation
import TestLab

/// The media side of a device in tests: every 10 ms, drains the capture ring into
/// `captured` and tops the playback ring up from `toPlay`.
struct MediaSide {
    var captured: [Int16] = []
    var played = 0

    /// Moves audio for `seconds` in 10 ms rounds, keeping up to `slackMilliseconds` queued
    /// for playback (more slack: fewer underruns when a loaded machine delays the rounds).
    mutating func pump(_ device: AudioDevice, playing toPlay: [Int16] = [], for seconds: Double,
                       slackMilliseconds: Int = 60) async throws {
        let slack = device.format.samples(milliseconds: slackMilliseconds)
        let rounds = Int(seconds * 100)
        var buffer = [Int16](repeating: 0, count: device.format.samples(milliseconds: 200))
        for _ in 0..<rounds {
            if let ring = device.playbackRing, played < toPlay.count {
                let wanted = min(slack - ring.availableToRead, toPlay.count - played)
                if wanted > 0 {
                    let start = played
                    played += toPlay.withUnsafeBufferPointer { ring.write(UnsafeBufferPointer(rebasing: $0[start..<start + wanted])) }
                }
            }
            if let ring = device.captureRing {
                let got = buffer.withUnsafeMutableBufferPointer { ring.read(into: $0) }
                captured += buffer.prefix(got)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

extension MediaSide {
    /// Pumps until the device has captured something (a fresh PulseAudio null sink starts
    /// slowly), at most `seconds`; returns the seconds it took.
    mutating func waitForCapture(_ device: AudioDevice, atMost seconds: Double = 8) async throws -> Double {
        let start = ContinuousClock.now
        while captured.isEmpty, ContinuousClock.now - start < .milliseconds(Int(seconds * 1000)) {
            try await pump(device, for: 0.02)
        }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// Waits for the first event matching `match` (or nil after `seconds`).
func firstEvent(_ events: AudioEvents, within seconds: Double, where match: @escaping @Sendable (AudioEvent) -> Bool) async -> AudioEvent? {
    await withTaskGroup(of: AudioEvent?.self) { group in
        group.addTask {
            for await event in events.stream where match(event) { return event }
            return nil
        }
        group.addTask {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

func tone(_ frequency: Double, seconds: Double, sampleRate: Int, amplitude: Double = 0.25) -> [Int16] {
    (0..<Int(seconds * Double(sampleRate))).map { index in
        Int16((amplitude * 32767 * sin(2 * .pi * frequency * Double(index) / Double(sampleRate))).rounded())
    }
}
