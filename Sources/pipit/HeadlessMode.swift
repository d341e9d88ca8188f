import Control
import Dispatch
import Media
import NIOCore
import NIOPosix
import SIPStack
import UserAgent
#if canImport(Glibc)
import Glibc
#endif

/// `pipit --headless`: commands from stdin, a script or `-e`, events to stdout as text or
/// JSON Lines; the control socket served beside. End of input quits cleanly: unregister,
/// hang up, exit 0. In a script a failed command or wait stops it (see `ExitStatus`).
struct HeadlessMode {
    let config: PipitConfig
    let json: Bool
    let source: CommandSource
    /// Lines run before the source's (the URI handler's `call`).
    var prelude: [String] = []

    func run() async -> Int32 {
        // First of all, so that a signal during start-up already quits cleanly.
        let signals = SignalWatcher.start()
        let printer = EventPrinter(json: json)
        guard let session = Session.open(config: config, report: printer.print) else { return ExitStatus.startFailed }
        let ua = session.ua
        let events = ua.events
        let hub = EventHub()
        let printing = Task {
            for await event in events where hub.receive(event) { printer.print(event) }
            hub.finish()
        }
        guard await session.start(config: config, report: printer.print) else {
            session.engine.stop()
            return ExitStatus.startFailed
        }
        let performer = LinePerformer(runner: CommandRunner(ua: ua, hub: hub), hub: hub,
                                      accountFile: AccountFile.path(for: config),
                                      historyEnabled: config.general.history)
        let (quits, quit) = AsyncStream<Void>.makeStream()
        let server = Self.serveSocket(performer, quit: quit) { problem in
            // Quiet by default: most runs (tests, scripts, a second instance) need no socket.
            if config.general.logLevel >= .debug { printer.print(.log(level: .debug, problem)) }
        }
        let source = self.source, prelude = self.prelude
        let status = await withTaskGroup(of: Int32.self) { group in
            group.addTask {
                var number = 0
                for line in prelude {
                    if let status = await Self.run(line, performer, printer, stops: true, where: "uri") { return status }
                }
                var wizard: HeadlessWizard?
                for await line in source.lines() {
                    number += 1
                    if var asking = wizard {
                        let (draft, finished) = asking.answer(line, printer)
                        wizard = finished ? nil : asking
                        if let draft { for event in await performer.add(draft).local { printer.print(event) } }
                        continue
                    }
                    if HeadlessWizard.starts(line, source: source) {
                        wizard = HeadlessWizard()
                        wizard?.begin(printer)
                        continue
                    }
                    let place = source.stopsOnFailure ? "\(source.name):\(number)" : source.name
                    if let status = await Self.run(line, performer, printer, stops: source.stopsOnFailure, where: place) {
                        return status
                    }
                }
                return ExitStatus.ok
            }
            group.addTask { await signals.wait(); return ExitStatus.ok }
            group.addTask { for await _ in quits { return ExitStatus.ok }; return ExitStatus.ok }
            let status = await group.next() ?? ExitStatus.ok
            group.cancelAll()
            return status
        }
        TerminalEcho.restore(STDIN_FILENO)
        server?.stop()
        await ua.handle(.quit)
        await printing.value
        await session.close()
        return status
    }

    /// Runs one line and shows what it made; an exit status when the run must end here.
    private static func run(_ line: String, _ performer: LinePerformer, _ printer: EventPrinter,
                            stops: Bool, where place: String) async -> Int32? {
        let result = await performer.perform(line)
        guard !Task.isCancelled else { return ExitStatus.ok } // a signal ended the run (a wait, cut short)
        for event in result.local { printer.print(event) }
        if result.quit { return ExitStatus.ok }
        if stops, let failure = result.failure {
            FileOutput.standardError("pipit: \(place): \(failure.message)")
            return failure.status
        }
        return nil
    }

    /// Serves the control socket, or says (as a log line) why not.
    private static func serveSocket(_ performer: LinePerformer, quit: AsyncStream<Void>.Continuation,
                                    report: (String) -> Void) -> ControlServer? {
        let handler: ControlServer.Handler = { line in
            let result = await performer.perform(line)
            if result.quit { quit.yield() }
            let lines = result.replies.flatMap(EventFormatter.text)
            return (lines, result.failure == nil)
        }
        switch ControlServer.start(handler: handler) {
        case .success(let server):
            return server
        case .failure(let error):
            report(error.description)
            return nil
        }
    }

    /// Said at start when calls will carry no sound.
    static func audioWarning(_ audio: AudioSettings) -> String? {
        switch audio.backend {
        case .file:
            return audio.input == nil && audio.output == nil
                ? "[audio] backend = \"file\" without input or output: calls send silence and play nothing" : nil
        case .null, .auto, .pulse, .alsa:
            return nil
        }
    }
}

/// Writes events to stdout, one line each.
struct EventPrinter: Sendable {
    let json: Bool

    func print(_ event: Event) {
        if json {
            write(EventFormatter.json(event, unixMilliseconds: UserAgent.wallClock()))
            return
        }
        // The incoming-call line already says what `call N: incoming` would.
        if case .call(let call) = event, call.state == .incoming { return }
        for line in EventFormatter.text(event) { write(line) }
    }

    private func write(_ line: String) {
        FileOutput.write(line, to: STDOUT_FILENO)
    }
}

/// SIGINT, SIGTERM and SIGHUP end the session the way `quit` does.
/// The dispatch sources are kept only to stay alive; all else is the stream.
final class SignalWatcher: @unchecked Sendable {
    private let stream: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    private init(stream: AsyncStream<Int32>, sources: [any DispatchSourceSignal]) {
        self.stream = stream
        self.sources = sources
    }

    static func start() -> SignalWatcher {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN) // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        return SignalWatcher(stream: stream, sources: sources)
    }

    func wait() async {
        for await _ in stream { return }
    }
}
