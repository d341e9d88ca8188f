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
                         notices: notices.stream)
        let status = await app.run()
        await session.close()
        return status
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
