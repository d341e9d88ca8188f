import Audio
import Foundation
import Testing
import TestLab

extension AudioSuite {
    /// The steady state of each backend's device thread does not allocate: an allocation
    /// counter (AllocationCounter.swift) is armed for two seconds while audio flows both ways.
    @Suite struct RealTimeTests {
        /// Runs `device` for a warm-up, then counts device-thread allocations for `seconds`
        /// while the test pumps audio through both rings.
        private func steadyStateAllocations(_ device: AudioDevice, seconds: Double) async throws -> Int {
            try device.start()
            defer { device.stop() }
            var media = MediaSide()
            let toneSamples = tone(440, seconds: 10, sampleRate: device.format.sampleRate)
            _ = try await media.waitForCapture(device)
            try await media.pump(device, playing: toneSamples, for: 0.3)
            let cpuBefore = deviceThreadCPUSeconds()
            armAllocationCounting()
            try await media.pump(device, playing: toneSamples, for: seconds)
            let count = disarmAllocationCounting()
            let cpu = deviceThreadCPUSeconds() - cpuBefore
            print("\(device.description): device threads used \(Int(cpu / seconds * 1000)) ms of CPU per second of duplex audio")
            #expect(media.captured.count > device.format.samples(milliseconds: Int(seconds * 800)))
            return count
        }

        @Test func counterSeesAnAllocatingDeviceThread() async throws {
            // The instrument itself: a thread named like a device's that allocates is counted.
            armAllocationCounting()
            let thread = Thread {
                _ = setThreadName(pthread_self(), "pipit-au-probe")
                for index in 0..<10 { _ = [Int](repeating: index, count: 100 + index) }
            }
            thread.start()
            try await Task.sleep(for: .milliseconds(100))
            #expect(disarmAllocationCounting() >= 10)
        }

        @Test func nullDeviceDoesNotAllocate() async throws {
            let null = try await steadyStateAllocations(try NullDevice(), seconds: 1)
            print("steady-state allocations on the null device thread in 1 s: \(null)")
            #expect(null == 0)
        }

        @Test func wavDeviceDoesNotAllocate() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-audio-\(getpid())-rt")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let input = dir.appendingPathComponent("in.wav")
            try WAV(sampleRate: 48000, samples: tone(1000, seconds: 0.1, sampleRate: 48000)).write(to: input)
            let device = try WAVFileDevice(captureFile: input.path, playbackFile: dir.appendingPathComponent("out.wav").path)
            let count = try await steadyStateAllocations(device, seconds: 1)
            print("steady-state allocations on the WAV device thread in 1 s: \(count)")
            #expect(count == 0)
        }

        @Test func alsaDoesNotAllocate() async throws {
            // The null PCM has no clock, so this loops as fast as it can: many more
            // iterations of the per-frame path than a sound card would drive.
            let device = try AlsaDevice(configuration: .init(captureDevice: "nothing", playbackDevice: "nothing",
                                                             configurationText: "pcm.nothing { type null }"),
                                        format: AudioFormat(sampleRate: 8000))
            let count = try await steadyStateAllocations(device, seconds: 0.5)
            print("steady-state allocations on the ALSA device threads (null PCM) in 0.5 s: \(count)")
            #expect(count == 0)
        }

        @Test func pulseDoesNotAllocate() async throws {
            try await Lab.run { lab in
                let pulse = try await lab.startPulseAudio()
                let device = try PulseDevice(configuration: .init(server: pulse.server, captureDevice: "\(pulse.sink).monitor",
                                                                  playbackDevice: pulse.sink))
                let count = try await steadyStateAllocations(device, seconds: 2)
                print("steady-state allocations on the PulseAudio mainloop thread in 2 s: \(count)")
                #expect(count == 0)
            }
        }
    }
}

/// CPU time (user + system) of this process's threads named `pipit-au…`, from /proc, in
/// seconds (10 ms resolution).
private func deviceThreadCPUSeconds() -> Double {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    var ticks = 0
    for task in tasks {
        guard let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8),
              name.hasPrefix("pipit-au"),
              let stat = try? String(contentsOfFile: "/proc/self/task/\(task)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { continue }
        // Fields after the command: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        if fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) { ticks += user + system }
    }
    return Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

@_silgen_name("pthread_setname_np")
private func setThreadName(_ thread: pthread_t, _ name: UnsafePointer<CChar>) -> Int32
