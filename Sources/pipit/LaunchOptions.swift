import Control
import NIOCore
import UserAgent
#if canImport(Glibc)
import Glibc
#endif

/// What a start of pipit asks for: the front end, the configuration file, the output form
/// and where commands come from. Both ways of reading the command line end here.
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
        // pipit's signalling runs on one event loop (the user agent's executor); the
        // singleton group would otherwise start one loop thread per core, idle but resident.
        // Set before anything touches the singleton, as NIO requires.
        NIOSingletons.groupLoopCountSuggestion = 1
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

    /// The usual command lines, read without ArgumentParser: `--headless`, `--json`,
    /// `--config F`/`--config=F`, `--script F`/`--script=F`, `-e CMDS`, `--send CMD` and a
    /// `sip:`/`sips:`/`tel:`/`callto:` URI, each at most once, in any order,
    /// with values that do not start with `-`. Anything else (help, version, `debug`, a
    /// repeated or unknown option, a missing value) is nil and goes to ArgumentParser, so
    /// every answer and error stays ArgumentParser's. Measured: its reflection-driven parse
    /// was about 40 % of the instructions from exec to a registered, idle pipit.
    init?(plainArguments arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            switch argument {
            case "--headless" where !headless:
                headless = true
            case "--json" where !json:
                json = true
            case "--config" where config == nil, "--script" where script == nil:
                guard index < arguments.count, let value = Self.plainValue(arguments[index]) else { return nil }
                index += 1
                if argument == "--config" { config = value } else { script = value }
            case "-e" where commands == nil, "--send" where send == nil:
                // Command text may start with anything but a dash, like other values.
                guard index < arguments.count, let value = Self.plainValue(arguments[index]) else { return nil }
                index += 1
                if argument == "-e" { commands = value } else { send = value }
            case _ where uri == nil && DialURI.isURI(argument):
                uri = argument
            default:
                if config == nil, let value = Self.attachedValue(argument, option: "--config") {
                    config = value
                } else if script == nil, let value = Self.attachedValue(argument, option: "--script") {
                    script = value
                } else {
                    return nil
                }
            }
        }
    }

    /// `value` of `--option=value`, when it is a plain value.
    private static func attachedValue(_ argument: String, option: String) -> String? {
        guard argument.hasPrefix(option + "=") else { return nil }
        return plainValue(String(argument.dropFirst(option.count + 1)))
    }

    private static func plainValue(_ value: String) -> String? {
        value.isEmpty || value.hasPrefix("-") ? nil : value
    }
}
