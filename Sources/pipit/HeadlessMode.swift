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

/// `pipit --headless`: commands from stdin (or a script), events to stdout as text or
/// JSON Lines. End of input quits cleanly: unregister, hang up, exit 0.
struct HeadlessMode {
    let config: PipitConfig
    let json: Bool
    /// Where commands come from: standard input or a script.
    let input: Int32

    func run() async -> Int32 {
        // First of all, so that a signal during start-up already quits cleanly.
        let signals = SignalWatcher.start()
        let printer = EventPrinter(json: json)
        guard let session = Session.open(config: config, report: printer.print) else { return 1 }
        let ua = session.ua
        let events = ua.events
        let printing = Task { for await event in events { printer.print(event) } }
        guard await session.start(config: config, report: printer.print) else {
            session.engine.stop()
            return 1
        }
        let lines = LineInput.lines(of: input)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await line in lines {
                    guard await Self.perform(line, ua: ua, printer: printer) else { return }
                }
            }
            group.addTask { await signals.wait() }
            await group.next()
            group.cancelAll()
        }
        await ua.handle(.quit)
        await printing.value
        await session.close()
        return 0
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

    /// Runs one input line; false when it was `quit`.
    static func perform(_ line: String, ua: UserAgent, printer: EventPrinter) async -> Bool {
        do {
            switch try CommandParser.parse(line) {
            case nil:
                return true
            case .help(let verb)?:
                for text in CommandHelp.lines(for: verb) { printer.print(.info(text)) }
            case .command(.quit)?:
                return false
            case .command(let command)?:
                await ua.handle(command)
            }
        } catch {
            printer.print(.error(error.description))
        }
        return true
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
