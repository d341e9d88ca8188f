import Control
import UserAgent

/// What one command line did.
struct LineResult {
    /// Events made here rather than by the user agent: help text, parse errors.
    var local: [Event] = []
    /// Events the user agent emitted for the command (already on the event stream).
    var caused: [Event] = []
    /// Why the line failed and with which exit status, if it did.
    var failure: (message: String, status: Int32)?
    var quit = false

    /// Everything a socket client is told.
    var replies: [Event] { local + caused }
}

/// Runs command lines of the command language, scripting words included: the same for
/// standard input, scripts, `-e` and socket clients.
struct LinePerformer: Sendable {
    let runner: CommandRunner
    let hub: EventHub
    /// The configuration file `account add` writes (nil: none can be named).
    var accountFile: String?
    /// Whether calls are kept (`history` reads them).
    var historyEnabled = true

    func perform(_ line: String) async -> LineResult {
        do {
            if let script = try ScriptCommand.parse(line) { return await perform(script) }
        } catch {
            return Self.failed(error.description)
        }
        do {
            if let count = try HistoryCommand.parse(line) {
                switch HistoryQuery.lines(count: count, enabled: historyEnabled) {
                case .success(let lines): return LineResult(local: lines.map(Event.info))
                case .failure(let error): return Self.failed(error.description)
                }
            }
        } catch {
            return Self.failed(error.description)
        }
        do {
            switch try AccountCommand.parse(line) {
            case nil: break
            case .add(let draft)?: return await add(draft)
            case .ask?:
                return Self.failed("account add asks its questions on the full-screen interface or on standard input; "
                                   + "here give them on the line: account add ADDRESS user=NAME password=SECRET registrar=URI")
            }
        } catch {
            return Self.failed(error.description)
        }
        do {
            switch try CommandParser.parse(line) {
            case nil:
                return LineResult()
            case .help(let verb)?:
                var lines = CommandHelp.lines(for: verb)
                if verb == nil {
                    lines += ["scripting:"] + ScriptCommand.helpLines.map { "  " + $0 }
                    lines += ["setting up:"] + AccountCommand.helpLines.map { "  " + $0 }
                    lines += ["calls made:"] + HistoryCommand.helpLines.map { "  " + $0 }
                }
                return LineResult(local: lines.map(Event.info))
            case .command(.quit)?:
                return LineResult(quit: true)
            case .command(let command)?:
                let caused = await runner.run(command)
                var result = LineResult(caused: caused)
                for case .error(let message) in caused {
                    result.failure = (message, ExitStatus.commandFailed)
                    break
                }
                return result
            }
        } catch {
            return Self.failed(error.description)
        }
    }

    private func perform(_ script: ScriptCommand) async -> LineResult {
        switch script {
        case .sleep(let duration):
            try? await Task.sleep(for: duration)
            return LineResult()
        case .wait(let condition, let timeout):
            switch await hub.wait(for: condition, timeout: timeout) {
            case .satisfied:
                return LineResult()
            case .failed(let why):
                return LineResult(local: [.error("wait: \(why)")], failure: ("wait: \(why)", ExitStatus.waitFailed))
            case .timedOut:
                let message = "wait: timed out after \(timeout.secondsText) s"
                return LineResult(local: [.error(message)], failure: (message, ExitStatus.waitTimedOut))
            }
        }
    }

    /// `account add`: the account into the file, then `reload`, whose events are the answer.
    func add(_ draft: AccountDraft) async -> LineResult {
        guard let accountFile else {
            return Self.failed("account add: no configuration file to write (set HOME or XDG_CONFIG_HOME, or use --config)")
        }
        switch AccountFile.add(draft, to: accountFile) {
        case .failure(let error):
            return Self.failed("account add: \(error.description)")
        case .success(let written):
            let verb = written.created ? "wrote" : "added to"
            var result = LineResult(local: [.info("account add: \(verb) \(written.path): \(draft)")])
            result.caused = await runner.run(.reload)
            for case .error(let message) in result.caused {
                result.failure = (message, ExitStatus.commandFailed)
                break
            }
            return result
        }
    }

    private static func failed(_ message: String) -> LineResult {
        LineResult(local: [.error(message)], failure: (message, ExitStatus.commandFailed))
    }
}

extension Duration {
    /// Seconds as a person writes them: `30`, `0.5`.
    var secondsText: String {
        let milliseconds = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)" : "\(Double(milliseconds) / 1000)"
    }
}
