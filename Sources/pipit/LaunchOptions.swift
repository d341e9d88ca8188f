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

    /// Runs pipit as asked; returns the exit status.
    func run() async -> Int32 {
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
        if !headless && script == nil && !json {
            guard Self.onTerminal else {
                FileOutput.standardError("pipit: not on a terminal; starting command mode (type `help`; --headless says so).")
                return await HeadlessMode(config: settings, json: json, input: STDIN_FILENO).run()
            }
            return await TUIMode(config: settings).run()
        }
        var input = STDIN_FILENO
        if let script {
            input = open(script, O_RDONLY)
            guard input >= 0 else {
                FileOutput.standardError("pipit: cannot open \(script): \(String(cString: strerror(errno)))")
                return 2
            }
        }
        return await HeadlessMode(config: settings, json: json, input: input).run()
    }
}

extension LaunchOptions {
    /// The full-screen interface needs a terminal on both sides; otherwise (a pipe, a file,
    /// a service) pipit runs the command mode, as `--headless` does.
    static var onTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// The usual command lines, read without ArgumentParser: `--headless`, `--json`,
    /// `--config F`/`--config=F`, `--script F`/`--script=F`, each at most once, in any order,
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
