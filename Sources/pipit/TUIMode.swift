import Control
import Synchronization
import TUI
import UserAgent

/// `pipit` on a terminal: the full-screen interface over the same session as the command mode.
struct TUIMode {
    let config: PipitConfig
    /// Lines run once the session is up (the URI handler's `call`).
    var prelude: [String] = []

    func run() async -> Int32 {
        let notices = Notices()
        guard let session = Session.open(config: config, loadRecentCalls: true, report: notices.add) else {
            notices.printAll()
            return 1
        }
        guard await session.start(config: config, report: notices.add) else {
            notices.printAll()
            session.engine.stop()
            return 1
        }
        let server = Self.serveSocket(session.ua, notices: notices)
        for line in prelude { _ = await Self.perform(line, ua: session.ua) }
        let app = TUIApp(userAgent: session.ua, history: session.recentCalls.map(HistoryEntry.init),
                         notices: notices.stream)
        let status = await app.run()
        server?.stop()
        await session.close()
        return status
    }
}

extension TUIMode {
    /// The control socket for the full-screen interface. The screen reads the user agent's
    /// events, so a reply here carries only what is known without them: help, a refused
    /// line, or `.ok` once the command ran (its events show on the screen).
    private static func serveSocket(_ ua: UserAgent, notices: Notices) -> ControlServer? {
        switch ControlServer.start(handler: { line in await perform(line, ua: ua) }) {
        case .success(let server):
            return server
        case .failure(let error):
            notices.add(.log(level: .debug, error.description))
            return nil
        }
    }

    static func perform(_ line: String, ua: UserAgent) async -> (lines: [String], ok: Bool) {
        do {
            if try ScriptCommand.parse(line) != nil {
                return (["error: wait and sleep work in the command mode (pipit --headless), not with the full-screen interface"], false)
            }
            switch try CommandParser.parse(line) {
            case nil:
                return ([], true)
            case .help(let verb)?:
                return (CommandHelp.lines(for: verb), true)
            case .command(let command)?:
                await ua.handle(command)
                return ([], true)
            }
        } catch let error as ScriptError {
            return (["error: \(error.description)"], false)
        } catch {
            return (["error: \(error)"], false)
        }
    }
}

/// Warnings from outside the user agent (set-up, history writes): to the screen's Log pane
/// through `stream`, or on standard error when the interface never starts.
private final class Notices: Sendable {
    private let events = Mutex<[Event]>([])
    let stream: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(100))
    }

    @Sendable func add(_ event: Event) {
        events.withLock { if $0.count < 100 { $0.append(event) } }
        continuation.yield(event)
    }

    func printAll() {
        for event in events.withLock({ $0 }) {
            switch event {
            case .error(let text), .log(_, let text): FileOutput.standardError("pipit: \(text)")
            default: break
            }
        }
    }
}
