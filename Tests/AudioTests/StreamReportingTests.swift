@testable import Audio
import Testing
import TestLab

extension AudioSuite {
    /// What streams tell the user and the desktop: xruns, rate-limited; the properties a
    /// PulseAudio stream carries (desktops duck music for `media.role=phone`).
    @Suite struct StreamReportingTests {
        /// A stream that keeps running late reports at most once a second, with the total.
        @Test func xrunsAreCountedAndReportedOnceASecond() async {
            let events = AudioEvents()
            let reporter = XrunReporter(direction: .playback, events: events)
            let second: Int64 = 1_000_000_000
            reporter.record(now: 10 * second)
            reporter.record(now: 10 * second + second / 2)
            reporter.record(now: 10 * second + second * 9 / 10)
            reporter.record(now: 11 * second + second / 10)
            #expect(reporter.total == 4)
            var seen: [AudioEvent] = []
            for _ in 0..<2 {
                if let event = await firstEvent(events, within: 1, where: { _ in true }) { seen.append(event) }
            }
            #expect(seen == [.xrun(.playback, total: 1), .xrun(.playback, total: 4)])
            #expect(await firstEvent(events, within: 0.1, where: { _ in true }) == nil)
        }

        /// The streams say who they are and what for, and ask for low latency.
        @Test func pulseStreamsCarryThePhoneRoleAndTheApplication() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                let device = try PulseDevice(configuration: .init(server: pulse.server, captureDevice: "\(pulse.sink).monitor"))
                try device.start()
                defer { device.stop() }
                for kind in ["sink-inputs", "source-outputs"] {
                    let listing = try await pulse.pactl(["list", kind], in: lab)
                    #expect(listing.contains("media.role = \"phone\""), "\(kind): \(listing)")
                    #expect(listing.contains("application.name = \"pipit\""), "\(kind): \(listing)")
                }
                let inputs = try await pulse.pactl(["list", "sink-inputs"], in: lab)
                let latency = inputs.split(separator: "\n").first { $0.contains("Buffer Latency:") }
                let microseconds = latency.flatMap { $0.split(separator: " ").dropFirst(2).first }.flatMap { Int($0) }
                let buffer = try #require(microseconds, "\(inputs)")
                // 40 ms asked for: a server default stream would buffer about two seconds.
                #expect(buffer <= 60_000, "playback buffer \(buffer) µs")
            }
        }
    }
}
