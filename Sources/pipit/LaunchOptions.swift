import Control
import UserAgent
#if canImport(Glibc)
import Glibc
#endif

/// What a start of pipit asks for: the front end, the configuration file, the output form
/// and where commands come from.
struct LaunchOptions {
    var headless = false
    var config: String?
    var json = false
    var script: String?
    /// `-e "CMD; CMD"`: commands from the argument.
    var commands: String?
    /// `--send "CMD"`: one command to the running pipit.
    var send: String?
    /// `pipit sip:…`: a URI to hand to the running pipit, or to dial.
    var uri: String?

    /// Runs pipit as asked; returns the exit status.
    func run() async -> Int32 {
        if let send {
            guard !headless && script == nil && commands == nil && uri == nil && config == nil && !json else {
                FileOutput.standardError("pipit: --send takes no other option")
                return ExitStatus.usage
            }
            return ControlClient.run(send)
        }
        if script != nil && commands != nil {
            FileOutput.standardError("pipit: --script and -e cannot be used together")
            return ExitStatus.usage
        }
        var prelude: [String] = []
        if let uri {
            guard script == nil && commands == nil else {
                FileOutput.standardError("pipit: a URI cannot be used with --script or -e")
                return ExitStatus.usage
            }
            let line: String
            do {
                line = DialURI.callLine(try DialURI.target(uri))
            } catch {
                FileOutput.standardError("pipit: \(error.description)")
                return ExitStatus.usage
            }
            // A running pipit takes the call; otherwise this one starts and dials.
            if case .replied(let ok) = ControlClient.send(line) {
                return ok ? ExitStatus.ok : ExitStatus.commandFailed
            }
            prelude = [line]
        }
        let settings: PipitConfig
        do {
            settings = try ConfigLoader.load(explicitPath: config)
        } catch {
            FileOutput.standardError("pipit: \(error)")
            return 2
        }
        if !headless && script == nil && commands == nil && !json {
            guard Self.onTerminal else {
                FileOutput.standardError("pipit: not on a terminal; starting command mode (type `help`; --headless says so).")
                return await HeadlessMode(config: settings, json: json, source: .standardInput, prelude: prelude).run()
            }
            return await TUIMode(config: settings, prelude: prelude).run()
        }
        var source = CommandSource.standardInput
        if let script {
            let fd = open(script, O_RDONLY)
            guard fd >= 0 else {
                FileOutput.standardError("pipit: cannot open \(script): \(String(cString: strerror(errno)))")
                return ExitStatus.configuration
            }
            source = .script(path: script, fd: fd)
        } else if let commands {
            source = .arguments(CommandSplitter.lines(commands))
        }
        return await HeadlessMode(config: settings, json: json, source: source, prelude: prelude).run()
    }
}

extension LaunchOptions {
    /// The full-screen interface needs a terminal on both sides; otherwise (a pipe, a file,
    /// a service) pipit runs the command mode, as `--headless` does.
    static var onTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// The options of a `pipit [OPTIONS] [URI]` command line.
    init(_ invocation: CLIInvocation) {
        headless = invocation.flag("headless")
        json = invocation.flag("json")
        config = invocation.value("config")
        script = invocation.value("script")
        commands = invocation.value("e")
        send = invocation.value("send")
        uri = invocation.arguments.first
    }
}
