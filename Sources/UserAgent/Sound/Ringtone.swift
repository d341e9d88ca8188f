#if canImport(Glibc)
import Glibc
#endif
import Audio
import Media

/// The ringtone: a WAV file (the `ringtone` setting, else `ring.wav` shipped in
/// share/pipit), resampled for the device; a synthesized double ring when there is none.
enum Ringtone {
    static let fileName = "ring.wav"

    /// Mono samples at `DeviceHub.sampleRate`, and where they came from.
    static func load(_ configured: String?) -> (samples: [Int16], source: String, problem: String?) {
        var problem: String?
        for path in candidates(configured) {
            do {
                let file = try WAVFile(contentsOf: path)
                guard !file.samples.isEmpty else { continue }
                return (EngineSession.resample(file, to: DeviceHub.sampleRate), path, nil)
            } catch {
                // A configured file that does not load is worth a word; a missing share file is not.
                if path == configured { problem = "ringtone \(path): \(error); using the built-in ring" }
            }
        }
        return (synthesized(), "built-in", problem)
    }

    /// The configured file, then share/pipit next to the executable (installed:
    /// `bin/../share/pipit`; a build tree: `.build/<triple>/<config>/../../../share/pipit`).
    static func candidates(_ configured: String?) -> [String] {
        var paths: [String] = []
        if let configured { paths.append(EngineMedia.expandingHome(configured)) }
        if let executable = executableDirectory() {
            paths.append(executable + "/../share/pipit/" + fileName)
            paths.append(executable + "/../../../share/pipit/" + fileName)
        }
        return paths
    }

    private static func executableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    /// Two 400 ms bursts of a warbled 1.2/1.6 kHz pair, then silence: 3 s per cycle.
    static func synthesized() -> [Int16] {
        let plan = TonePlan(frequencies: [1200, 1600], modulation: 20, cadence: [400, 200, 400, 2000], level: -12)
        var generator = ToneGenerator(plan: plan, sampleRate: DeviceHub.sampleRate)
        var samples = [Int16](repeating: 0, count: DeviceHub.sampleRate * plan.period / 1000)
        samples.withUnsafeMutableBufferPointer { generator.render(into: $0) }
        return samples
    }
}
