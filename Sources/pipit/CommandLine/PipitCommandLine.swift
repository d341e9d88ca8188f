import Control

/// pipit's command line: the tree of commands and options, and what each runs. Read by
/// `CLIParser` (no reflection, no Foundation: ArgumentParser brought in FoundationEssentials,
/// about 1 MiB resident and a quarter of the protocol-conformance records the Swift runtime
/// scans at start-up).
enum PipitCommandLine {
    static let root = CLICommand(
        name: "pipit",
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
        dials. See pipit(1) and pipit.conf(5).
        """,
        options: [
            .flag("--headless", "Command mode: commands from standard input (or --script), events to standard output."),
            .value("--config", "file", "Configuration file (default: $XDG_CONFIG_HOME/pipit/config.toml).",
                   completion: .file(extensions: ["toml"])),
            .flag("--json", "Command mode (--headless, --script, -e): print events as JSON Lines."),
            .value("--script", "file", "Command mode: run the commands in this file, then quit; a failure stops it (see pipit(1) for the exit statuses).",
                   completion: .file(extensions: [])),
            .value("-e", "commands", "Command mode: run these commands (separated by `;`), then quit.",
                   completion: .list(commandWords)),
            .value("--send", "command", "Send one command to the running pipit over its control socket, print the reply, exit.",
                   completion: .list(commandWords)),
        ],
        arguments: [CLIArgument(name: "uri", help: "A sip:, sips:, tel: or callto: URI: handed to the running pipit, or dialled by this one.",
                                optional: true)],
        subcommands: [debug, audio]
    )

    /// First words of command lines, for completing `-e` and `--send`: the verbs, and the
    /// front end's own `account` and `history`.
    static let commandWords = (CommandVerb.completions + ["account", "history"]).sorted()

    static let debug = CLICommand(
        name: "debug",
        abstract: "Diagnostics: parse SIP messages and SDP bodies.",
        subcommands: [
            CLICommand(name: "parse-sip", abstract: "Parse one SIP message and print it in canonical form.",
                       discussion: ParseSIP.discussion,
                       arguments: [CLIArgument(name: "file", help: "File holding the message, or - for standard input.",
                                               completion: .file(extensions: []))]),
            CLICommand(name: "parse-sdp", abstract: "Parse one SDP session description and print it in canonical form.",
                       discussion: "Exits 1 and names the line and byte offset when the description is malformed.",
                       arguments: [CLIArgument(name: "file", help: "File holding the description, or - for standard input.",
                                               completion: .file(extensions: []))]),
        ],
        runs: false
    )

    static let backend = CLIOption.value("--backend", "backend", "auto, pulse or alsa.", completion: .list(["auto", "pulse", "alsa"]))

    static let audio = CLICommand(
        name: "audio",
        abstract: "List sound devices, or check the microphone and speaker.",
        subcommands: [
            CLICommand(name: "devices", abstract: "List the capture and playback devices.", options: [backend]),
            CLICommand(name: "test",
                       abstract: "Play a tone, record a few seconds from the microphone, play the recording back and print its levels.",
                       discussion: "Exit status 1 when the microphone gave only silence.",
                       options: [
                           backend,
                           .value("--input", "device", "The capture device (see `pipit audio devices`)."),
                           .value("--output", "device", "The playback device."),
                           .value("--seconds", "seconds", "Seconds to record.", default: "3"),
                       ]),
        ],
        runs: false
    )

    /// Reads `words` (the arguments after the program name) and runs what they ask;
    /// returns the exit status.
    static func run(_ words: [String]) async -> Int32 {
        let parser = CLIParser(root: root)
        let invocation: CLIInvocation
        switch parser.parse(words) {
        case .failure(let failure):
            return usageError(failure, parser)
        case .success(.help(let path)):
            StandardStreams.write(CLIHelp.text(parser.chain(path)))
            return ExitStatus.ok
        case .success(.version):
            StandardStreams.write(PipitVersion.string + "\n")
            return ExitStatus.ok
        case .success(.completionScript(let shell)):
            StandardStreams.write(CLICompletion.script(root, shell: shell))
            return ExitStatus.ok
        case .success(.run(let request)):
            invocation = request
        }
        switch invocation.path {
        case ["debug", "parse-sip"]:
            return ParseSIP.run(file: invocation.arguments[0])
        case ["debug", "parse-sdp"]:
            return ParseSDP.run(file: invocation.arguments[0])
        case ["audio", "devices"]:
            return AudioCommands.devices(backend: invocation.value("backend"))
        case ["audio", "test"]:
            var seconds = 3.0
            if let text = invocation.value("seconds") {
                guard let value = Double(text), value.isFinite, value > 0 else {
                    return usageError(CLIUsageError(message: "--seconds must be a number of seconds, not \(text)",
                                                    path: invocation.path), parser)
                }
                seconds = value
            }
            return await AudioCommands.check(backend: invocation.value("backend"), input: invocation.value("input"),
                                             output: invocation.value("output"), seconds: seconds)
        default:
            if let uri = invocation.arguments.first, !DialURI.isURI(uri) {
                return usageError(CLIUsageError(message: "Unexpected argument '\(uri)'", path: []), parser)
            }
            return await LaunchOptions(invocation).run()
        }
    }

    private static func usageError(_ failure: CLIUsageError, _ parser: CLIParser) -> Int32 {
        StandardStreams.writeError(CLIHelp.error(failure, parser.chain(failure.path)))
        return ExitStatus.usage
    }
}
