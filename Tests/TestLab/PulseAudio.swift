import Foundation

/// A private PulseAudio daemon with one null sink, reachable only through a unix socket in
/// the lab directory. Clients use it with `PULSE_SERVER=unix:…` (see `clientEnvironment`).
public final class PulseAudio: Sendable {
    public let process: LabProcess
    /// The null sink's name; record what is played to it from `"\(sink).monitor"`.
    public let sink: String
    /// `unix:/…/native`, the value for `PULSE_SERVER`.
    public let server: String
    /// The sample rate of the null sink.
    public let sampleRate: Int
    let home: URL

    init(process: LabProcess, sink: String, server: String, sampleRate: Int, home: URL) {
        self.process = process
        self.sink = sink
        self.server = server
        self.sampleRate = sampleRate
        self.home = home
    }

    /// The environment for a client of this daemon (pactl, paplay, an audio backend):
    /// only this server, no autospawn, no user config.
    public var clientEnvironment: [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
         "HOME": home.path, "PULSE_SERVER": server, "PULSE_CLIENTCONFIG": "/dev/null",
         "XDG_RUNTIME_DIR": home.path]
    }
}

extension Lab {
    /// Starts `pulseaudio` as a user daemon (also as root) with its own HOME, runtime and
    /// state directories, the native protocol on a socket in the lab directory and a null
    /// sink named `sink`; returns when `pactl info` answers.
    public func startPulseAudio(sink: String = "lab_sink", sampleRate: Int = 48000) async throws -> PulseAudio {
        let dir = try makeDirectory("pulseaudio")
        let runtime = dir.appendingPathComponent("runtime", isDirectory: true)
        let state = dir.appendingPathComponent("state", isDirectory: true)
        let home = dir.appendingPathComponent("home", isDirectory: true)
        for d in [runtime, state, home] {
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        }
        let socket = runtime.appendingPathComponent("native").path
        let script = dir.appendingPathComponent("lab.pa")
        try """
        load-module module-native-protocol-unix auth-anonymous=1 socket=\(socket)
        load-module module-null-sink sink_name=\(sink) rate=\(sampleRate) channels=1
        set-default-sink \(sink)

        """.write(to: script, atomically: true, encoding: .utf8)
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path, "XDG_RUNTIME_DIR": runtime.path, "XDG_CONFIG_HOME": home.path,
            "PULSE_RUNTIME_PATH": runtime.path, "PULSE_STATE_PATH": state.path,
        ]
        // -n: no default.pa; as root pulseaudio only warns when --system is not given.
        let process = try spawn("pulseaudio", .pulseaudio, [
            "-n", "-F", script.path, "--daemonize=no", "--exit-idle-time=-1", "--system=no",
            "--disallow-exit", "--use-pid-file=no", "--log-target=stderr", "-v",
        ], environment: environment, in: dir)
        let pulse = PulseAudio(process: process, sink: sink, server: "unix:\(socket)", sampleRate: sampleRate, home: home)
        try await process.waitForLog("Daemon startup complete.")
        return pulse
    }
}
