import Foundation

/// Changing the lab daemon's devices while a client runs: null sinks that come and go (a
/// USB headset plugged in and out) and the default sink.
extension PulseAudio {
    /// Loads another null sink named `name` (its monitor source is `"\(name).monitor"`);
    /// returns the module index, for `unloadModule`.
    @discardableResult
    public func loadNullSink(_ name: String, in lab: Lab) async throws -> Int {
        let output = try await pactl(["load-module", "module-null-sink", "sink_name=\(name)", "rate=\(sampleRate)", "channels=1"], in: lab)
        guard let index = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw LabError.unexpected("pactl load-module printed \(output)")
        }
        return index
    }

    /// Unloads a module (a null sink vanishes with its monitor, like an unplugged headset).
    public func unloadModule(_ index: Int, in lab: Lab) async throws {
        _ = try await pactl(["unload-module", "\(index)"], in: lab)
    }

    /// Makes `name` the default sink.
    public func setDefaultSink(_ name: String, in lab: Lab) async throws {
        _ = try await pactl(["set-default-sink", name], in: lab)
    }

    /// Runs pactl against this daemon; throws unless it exits 0; returns its output.
    public func pactl(_ arguments: [String], in lab: Lab) async throws -> String {
        let result = try await lab.execute("pactl", .pactl, arguments, environment: clientEnvironment)
        guard result.status == .exited(0) else {
            throw LabError.unexpected("pactl \(arguments.joined(separator: " ")): \(result.status): \(result.output)")
        }
        return result.output
    }
}
