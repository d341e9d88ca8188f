import ArgumentParser
import UserAgent
#if canImport(Glibc)
import Glibc
#endif

/// The `pipit` command: picks a front end and wires the layers together.
@main
struct Pipit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipit",
        abstract: "A terminal SIP softphone.",
        discussion: """
        pipit makes and takes phone calls from the terminal: through a provider, an office \
        PBX, or straight to another phone. `pipit --headless` reads commands (call, answer, \
        hangup, register, accounts, calls, quit …; `help` lists them) from standard input \
        and prints every event, as text or with --json as JSON Lines. Without a \
        configuration file pipit runs a built-in local setup on 127.0.0.1:5060. See \
        pipit(1) and pipit.conf(5).
        """,
        version: PipitVersion.string,
        subcommands: [Debug.self]
    )

    @Flag(name: .long, help: "Command mode: commands from standard input (or --script), events to standard output.")
    var headless = false

    @Option(name: .long, help: ArgumentHelp("Configuration file (default: $XDG_CONFIG_HOME/pipit/config.toml).", valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "With --headless: print events as JSON Lines.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("With --headless: read commands from this file instead of standard input.", valueName: "file"))
    var script: String?

    func run() async throws {
        let settings: PipitConfig
        do {
            settings = try ConfigLoader.load(explicitPath: config)
        } catch {
            FileOutput.standardError("pipit: \(error)")
            throw ExitCode(2)
        }
        guard headless else {
            // The full-screen interface comes with the front-end issue; until then the
            // command mode is what an interactive start gives.
            FileOutput.standardError("pipit: the full-screen interface is not built yet; starting command mode (type `help`).")
            throw ExitCode(await HeadlessMode(config: settings, json: json, input: STDIN_FILENO).run())
        }
        var input = STDIN_FILENO
        if let script {
            input = open(script, O_RDONLY)
            guard input >= 0 else {
                FileOutput.standardError("pipit: cannot open \(script): \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
        }
        throw ExitCode(await HeadlessMode(config: settings, json: json, input: input).run())
    }
}

enum FileOutput {
    static func standardError(_ line: String) { write(line, to: STDERR_FILENO) }

    /// One line, written whole (a line never interleaves with another thread's).
    static func write(_ line: String, to fd: Int32) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            offset += n
        }
    }
}
