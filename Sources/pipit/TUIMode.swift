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
        // One reader of the user agent's events, as in the command mode: the hub sees each
        // first (waits, socket replies), then the screen gets it (the runner's fences aside).
        let hub = EventHub()
        let (screenEvents, toScreen) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        let events = session.ua.events
        let reading = Task {
            for await event in events where hub.receive(event) { toScreen.yield(event) }
            hub.finish()
            toScreen.finish()
        }
        guard await session.start(config: config, report: notices.add) else {
            notices.printAll()
            session.engine.stop()
            return 1
        }
        // The screen's commands and the socket's share one runner, so each socket client
        // gets the events of its own command, as in the command mode.
        let runner = CommandRunner(ua: session.ua, hub: hub)
        let performer = LinePerformer(runner: runner, hub: hub, accountFile: AccountFile.path(for: config),
                                      historyEnabled: config.general.history)
        let server = Self.serveSocket(performer, ua: session.ua, notices: notices)
        for line in prelude {
            for event in await performer.perform(line).local { notices.add(event) }
        }
        let app = TUIApp(userAgent: session.ua, history: session.recentCalls.map(HistoryEntry.init),
                         notices: notices.stream, events: screenEvents,
                         perform: { command in _ = await runner.run(command) },
                         addAccount: { draft in await performer.add(draft).local })
        let status = await app.run()
        server?.stop()
        await reading.value
        await session.close()
        return status
    }
}

extension TUIMode {
    /// The control socket for the full-screen interface: the same replies as in the command
    /// mode (the events a command caused, `wait` included); `quit` ends the screen too.
    private static func serveSocket(_ performer: LinePerformer, ua: UserAgent, notices: Notices) -> ControlServer? {
        let handler: ControlServer.Handler = { line in
            let result = await performer.perform(line)
            // The screen ends when the user agent's events do.
            if result.quit { await ua.handle(.quit) }
            return (result.replies.flatMap(EventFormatter.text), result.failure == nil)
        }
        switch ControlServer.start(handler: handler) {
        case .success(let server):
            return server
        case .failure(let error):
            notices.add(.log(level: .debug, error.description))
            return nil
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
