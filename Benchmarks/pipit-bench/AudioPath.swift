import Audio
import TestLab
#if canImport(Glibc)
import Glibc
#endif

/// `pipit-bench audio`: the device path's figures on the lab's PulseAudio daemon (a null
/// sink; its monitor is the "microphone"). For PulseAudio at several latency settings, and
/// ALSA through alsa-lib's pulse plugin: the round trip play → monitor → capture (median
/// of five clicks), whether the setting held without underruns, and the CPU an open, idle
/// duplex stream costs pipit and the sound server, per second. Then one line each for
/// PulseAudio and ALSA: the round trip at the default setting (40 ms, what calls use) and
/// at the lowest stable one (no underruns, every click heard), and the idle CPU.
func runAudioBench() async throws {
    try await Lab.run { lab in
        let pulse = try await lab.startPulseAudio(sampleRate: 48000)
        print(String(repeating: " ", count: 0) + pad("path", 26) + pad("round trip ms", 15) + pad("underruns", 11)
              + pad("CPU ms/s pipit", 16) + pad("server", 8))
        var pulseFigures: [(Int, PathFigures)] = []
        for latency in [40, 20, 10] {
            let device = try PulseDevice(configuration: .init(server: pulse.server, captureDevice: "\(pulse.sink).monitor",
                                                              playbackDevice: pulse.sink, latencyMilliseconds: latency),
                                         format: AudioFormat(sampleRate: 16000))
            let figures = try await measure(device, server: pulse.process.pid)
            pulseFigures.append((latency, figures))
            print(pad("pulse, \(latency) ms", 26) + figures.row)
        }
        let alsa = """
            pcm.labsink { type pulse server "\(pulse.server)" device "\(pulse.sink)" }
            pcm.labmonitor { type pulse server "\(pulse.server)" device "\(pulse.sink).monitor" }
            """
        var alsaFigures: [(Int, PathFigures)] = []
        for latency in [40, 20] {
            let device = try AlsaDevice(configuration: .init(captureDevice: "labmonitor", playbackDevice: "labsink",
                                                             latencyMilliseconds: latency, configurationText: alsa),
                                        format: AudioFormat(sampleRate: 16000))
            let figures = try await measure(device, server: pulse.process.pid)
            alsaFigures.append((latency, figures))
            print(pad("alsa (pulse plugin), \(latency) ms", 26) + figures.row)
        }
        print(summary("PulseAudio", pulseFigures))
        print(summary("ALSA (pulse plugin)", alsaFigures))
        print("(calls use PulseAudio at 40 ms: the round trip is what the echo canceller's tail must cover)")
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

/// Process CPU time (user + system) in milliseconds.
private func cpuMilliseconds(_ pid: pid_t?) -> Double {
    if let pid {
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return 0 }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 1024)
        guard fgets(&buffer, 1024, file) != nil else { return 0 }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let close = line.lastIndex(of: ")") else { return 0 }
        let fields = line[line.index(after: close)...].split(separator: " ")
        // Fields after the command: state is 0, utime 11, stime 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) * 1000 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
}

/// What one setting measured.
private struct PathFigures {
    /// Median round trip (ms); nil when no click came back.
    var trip: Double?
    var clicksHeard: Int
    var underruns: Int
    /// CPU ms per second of an idle open duplex stream, pipit and the sound server.
    var pipitCPU: Double
    var serverCPU: Double

    /// Stable: every click came back and the playback never ran dry.
    var stable: Bool { clicksHeard == 5 && underruns == 0 }

    var row: String {
        let trip = trip.map { String(Int($0.rounded())) } ?? "none heard"
        return pad(trip, 15) + pad("\(underruns)", 11) + pad(String(Int(pipitCPU.rounded())), 16) + String(Int(serverCPU.rounded()))
    }
}

/// `PulseAudio: round trip 30 ms at the default (40 ms), 20 ms at the lowest stable setting (10 ms); idle duplex stream 4 ms CPU/s (server 6)`
private func summary(_ name: String, _ figures: [(Int, PathFigures)]) -> String {
    func trip(_ f: PathFigures) -> String { f.trip.map { "\(Int($0.rounded())) ms" } ?? "none heard" }
    guard let (defaultLatency, standard) = figures.first else { return "\(name): not measured" }
    let lowest = figures.filter { $0.1.stable }.min { $0.0 < $1.0 }
    let low = lowest.map { "\(trip($0.1)) at the lowest stable setting (\($0.0) ms)" } ?? "no setting was stable"
    return "\(name): round trip \(trip(standard)) at the default (\(defaultLatency) ms), \(low); "
        + "idle duplex stream \(Int(standard.pipitCPU.rounded())) ms CPU/s (server \(Int(standard.serverCPU.rounded())))"
}

/// Plays five clicks a second apart while capturing, then idles for five seconds.
private func measure(_ device: any AudioDevice, server: pid_t) async throws -> PathFigures {
    let rate = device.format.sampleRate
    let frame = rate / 100
    try device.start()
    defer { device.stop() }
    guard let capture = device.captureRing, let playback = device.playbackRing else {
        return PathFigures(trip: nil, clicksHeard: 0, underruns: 0, pipitCPU: 0, serverCPU: 0)
    }
    var buffer = [Int16](repeating: 0, count: rate / 5)
    let silence = [Int16](repeating: 0, count: frame)
    let click = (0..<(rate / 50)).map { Int16(12000 * sin(2 * Double.pi * 1000 * Double($0) / Double(rate))) }
    // Warm up: until the monitor delivers (a fresh null sink starts slowly).
    for _ in 0..<800 where capture.availableToRead == 0 {
        _ = playback.write(silence)
        try await Task.sleep(for: .milliseconds(10))
    }
    var trips: [Double] = []
    let underrunsBefore = playback.underruns
    for _ in 0..<5 {
        capture.discardAll()
        var captured: [Int16] = []
        var sent = false
        for _ in 0..<100 {
            // Keep about 20 ms queued, like the engine's hub.
            while playback.availableToRead < frame * 2 {
                if !sent {
                    _ = playback.write(click)
                    sent = true
                } else {
                    _ = playback.write(silence)
                }
            }
            let got = buffer.withUnsafeMutableBufferPointer { capture.read(into: $0) }
            captured += buffer.prefix(got)
            try await Task.sleep(for: .milliseconds(10))
        }
        if let onset = captured.firstIndex(where: { abs(Int($0)) > 3000 }) {
            trips.append(Double(onset) * 1000 / Double(rate))
        }
    }
    let underruns = playback.underruns - underrunsBefore
    // Idle: the stream open, the media side moving silence every 10 ms.
    let (mine, theirs) = (cpuMilliseconds(nil), cpuMilliseconds(server))
    let start = ContinuousClock.now
    while ContinuousClock.now - start < .seconds(5) {
        while playback.availableToRead < frame * 2 { _ = playback.write(silence) }
        _ = buffer.withUnsafeMutableBufferPointer { capture.read(into: $0) }
        try await Task.sleep(for: .milliseconds(10))
    }
    let seconds = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
    let pipitCPU = (cpuMilliseconds(nil) - mine) / seconds
    let serverCPU = (cpuMilliseconds(server) - theirs) / seconds
    trips.sort()
    return PathFigures(trip: trips.isEmpty ? nil : trips[trips.count / 2], clicksHeard: trips.count, underruns: underruns,
                       pipitCPU: pipitCPU, serverCPU: serverCPU)
}
