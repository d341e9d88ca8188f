import ArgumentParser
import Control
#if canImport(Glibc)
import Glibc
#endif

/// The `pipit` command: picks a front end and wires the layers together.
struct Pipit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipit",
        abstract: "A terminal SIP softphone.",
        discussion: """
        pipit makes and takes phone calls from the terminal: through a provider, an office \
        PBX, or straight to another phone. On a terminal it starts a full-screen interface \
        (type a number or URI and Enter to call, `:` for commands, `?` for the keys). \
        `pipit --headless` (or a start without a terminal) reads commands (call, answer, \
        hangup, register, accounts, calls, quit …; `help` lists them) from standard input \
        and prints every event, as text or with --json as JSON Lines. Without a \
        configuration file pipit runs a built-in local setup on 127.0.0.1:5060. \
        `pipit --script FILE` and `pipit -e "CMD; CMD"` run scripts (with `wait` and \
        `sleep`), stopping at the first failure with a non-zero status. A running pipit \
        serves a control socket in $XDG_RUNTIME_DIR/pipit/ (`pipit --send CMD`); \
        `pipit URI` (sip:, sips:, tel:, callto:) hands the URI to it, or starts pipit and \
        dials. See \
        pipit(1) and pipit.conf(5).
        """,
        version: PipitVersion.string,
        subcommands: [Debug.self, AudioCommands.self]
    )

    @Flag(name: .long, help: "Command mode: commands from standard input (or --script), events to standard output.")
    var headless = false

    @Option(name: .long, help: ArgumentHelp("Configuration file (default: $XDG_CONFIG_HOME/pipit/config.toml).", valueName: "file"),
            completion: .file(extensions: ["toml"]))
    var config: String?

    @Flag(name: .long, help: "Command mode (--headless, --script, -e): print events as JSON Lines.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Command mode: run the commands in this file, then quit; a failure stops it (see pipit(1) for the exit statuses).", valueName: "file"),
            completion: .file())
    var script: String?

    @Option(name: .customShort("e"), help: ArgumentHelp("Command mode: run these commands (separated by `;`), then quit.", valueName: "commands"),
            completion: .list(CommandVerb.completions))
    var commands: String?

    @Option(name: .long, help: ArgumentHelp("Send one command to the running pipit over its control socket, print the reply, exit.", valueName: "command"),
            completion: .list(CommandVerb.completions))
    var send: String?

    func run() async throws {
        let options = LaunchOptions(headless: headless, config: config, json: json, script: script,
                                    commands: commands, send: send)
        throw ExitCode(await options.run())
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
