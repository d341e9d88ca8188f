import Synchronization
import TUI
import UserAgent

/// `pipit` on a terminal: the full-screen interface over the same session as the command mode.
struct TUIMode {
    let config: PipitConfig

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
        let app = TUIApp(userAgent: session.ua, history: session.recentCalls.map(HistoryEntry.init),
                         notices: notices.taken())
        let status = await app.run()
        await session.close()
        return status
    }
}

/// Set-up warnings gathered before the screen exists; shown in its Log pane, or on
/// standard error when the interface never starts.
private final class Notices: Sendable {
    private let events = Mutex<[Event]>([])

    @Sendable func add(_ event: Event) { events.withLock { $0.append(event) } }

    func taken() -> [Event] { events.withLock { $0 } }

    func printAll() {
        for event in taken() {
            switch event {
            case .error(let text), .log(_, let text): FileOutput.standardError("pipit: \(text)")
            default: break
            }
        }
    }
}
