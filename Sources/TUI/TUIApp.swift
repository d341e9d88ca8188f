import Control
import Dispatch
import UserAgent
#if canImport(Glibc)
import Glibc
#endif

/// The full-screen front end: runs one loop that takes the user agent's events, the keys
/// and a clock tick, updates a `TUIState`, and draws `Layout.render` of it. Commands go to
/// the user agent through a queue of their own, so a slow command never freezes the screen
/// and the screen never holds up the user agent.
public struct TUIApp {
    let userAgent: UserAgent
    let history: [HistoryEntry]
    let notices: AsyncStream<Event>?
    let historyFile: InputHistoryFile?
    let clock: @Sendable () -> Int64
    let events: AsyncStream<Event>?
    let perform: (@Sendable (Command) async -> Void)?
    let addAccount: (@Sendable (AccountDraft) async -> [Event])?

    /// - Parameters:
    ///   - history: calls from earlier runs, newest first, for the History pane.
    ///   - notices: events from outside the user agent (set-up warnings, history write
    ///     problems), shown as the user agent's are.
    ///   - historyFile: where the input history is kept across runs; nil keeps none.
    ///   - events: the user agent's events as the screen gets them, when another reader
    ///     (the control socket's) takes them first; nil reads `userAgent.events`.
    ///   - perform: runs the screen's commands, when they must go through the same queue
    ///     as the control socket's; nil hands them to the user agent.
    ///   - addAccount: writes `account add`'s account and reloads; its own events (what
    ///     was written, or why not) come back. Nil refuses `account add`.
    public init(userAgent: UserAgent, history: [HistoryEntry] = [], notices: AsyncStream<Event>? = nil,
                historyFile: InputHistoryFile? = InputHistoryFile.standard(),
                clock: @escaping @Sendable () -> Int64 = UserAgent.wallClock,
                events: AsyncStream<Event>? = nil,
                perform: (@Sendable (Command) async -> Void)? = nil,
                addAccount: (@Sendable (AccountDraft) async -> [Event])? = nil) {
        self.events = events
        self.perform = perform
        self.addAccount = addAccount
        self.userAgent = userAgent
        self.history = history
        self.notices = notices
        self.historyFile = historyFile
        self.clock = clock
    }

    private enum Input: Sendable {
        case event(Event), eventsEnded, keys, tick, meterTick, resize, signal
    }

    /// What the screen asks for, run in order off its loop.
    private enum Work: Sendable {
        case command(Command)
        case addAccount(AccountDraft)
    }

    /// Runs until `:quit`, Ctrl-C, SIGTERM or SIGHUP; then restores the terminal, hangs up,
    /// unregisters and returns the exit status. The user agent must be started.
    public func run() async -> Int32 {
        let (inputs, feed) = AsyncStream<Input>.makeStream()
        // Before curses starts: with our handlers in place it installs none of its own.
        let signals = SignalSources(quit: { feed.yield(.signal) }, resize: { feed.yield(.resize) })
        let started: CursesTerminal?
        do {
            started = try CursesTerminal()
        } catch {
            StandardError.write("pipit: the full-screen interface needs ncursesw: \(error.description); use --headless")
            await userAgent.handle(.quit)
            return 1
        }
        guard let terminal = started else {
            let name = getenv("TERM").map { String(cString: $0) } ?? ""
            StandardError.write("pipit: the terminal (TERM=\(name)) cannot show the full-screen interface; use --headless")
            await userAgent.handle(.quit)
            return 1
        }
        let ua = userAgent
        let (commands, send) = AsyncStream<Work>.makeStream()
        let perform = self.perform, addAccount = self.addAccount
        let commanding = Task {
            for await work in commands {
                switch work {
                case .command(let command):
                    if let perform { await perform(command) } else { await ua.handle(command) }
                case .addAccount(let draft):
                    let said = await addAccount?(draft) ?? [.error("account add: not available here")]
                    for event in said { feed.yield(.event(event)) }
                }
            }
        }
        let events = self.events ?? ua.events
        let listening = Task {
            for await event in events { feed.yield(.event(event)) }
            feed.yield(.eventsEnded)
        }
        let noticing = Task { [notices] in
            guard let notices else { return }
            for await notice in notices { feed.yield(.event(notice)) }
        }
        let ticking = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                feed.yield(.tick)
            }
        }
        // The VU meters: levels are asked for five times a second while a call is answered.
        let metering = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))
                feed.yield(.meterTick)
            }
        }
        let waker = InputWaker { feed.yield(.keys) }
        waker.start()

        var state = TUIState(inputHistory: historyFile?.load() ?? InputHistory())
        state.load(history: history)
        let notifier = DesktopNotifier.find()
        var saved = state.inputHistory.added
        var ticks = 0
        send.yield(.command(.accounts))
        send.yield(.command(.contacts(search: nil)))
        draw(state, on: terminal)

        loop: for await input in inputs {
            switch input {
            case .event(let event):
                for alert in state.apply(event, now: clock()) {
                    switch alert {
                    case .bell: terminal.bell()
                    case .notify(let summary, let body):
                        if let notifier { DesktopNotifier.notify(summary: summary, body: body, program: notifier) }
                    }
                }
            case .keys:
                for input in terminal.readKeys() {
                    switch input {
                    case .resized: break // resizeterm queues one; the next draw repaints
                    case .key(.control("l")): terminal.invalidate()
                    case .key(let key):
                        state.paneRows = Layout.paneRows(state, height: terminal.size.height)
                        let command = state.handle(key, now: clock())
                        if state.inputHistory.added != saved, let line = state.inputHistory.entries.last {
                            saved = state.inputHistory.added
                            historyFile?.append(line)
                        }
                        if command == .quit { break loop }
                        if let command { send.yield(.command(command)) }
                        if let draft = state.accountToAdd {
                            state.accountToAdd = nil
                            send.yield(.addAccount(draft))
                        }
                    }
                }
                waker.didDrain()
            case .tick:
                ticks &+= 1
                // Live quality for answered calls, every other second.
                if ticks % 2 == 0, state.calls.contains(where: { $0.answeredAt != nil }) {
                    send.yield(.command(.statistics(call: nil)))
                }
            case .meterTick:
                // The answer (`Event.soundLevels`) redraws; nothing to draw before it.
                if state.wantsLevels { send.yield(.command(.audio(.levels))) }
                continue loop
            case .resize:
                terminal.resize()
            case .signal, .eventsEnded:
                break loop
            }
            draw(state, on: terminal)
        }

        waker.stop()
        ticking.cancel()
        metering.cancel()
        noticing.cancel()
        terminal.stop()
        send.finish()
        await commanding.value
        await ua.handle(.quit)
        listening.cancel()
        withExtendedLifetime(signals) {}
        return 0
    }

    private func draw(_ state: TUIState, on terminal: CursesTerminal) {
        let size = terminal.size
        terminal.draw(Layout.render(state, width: size.width, height: size.height, now: clock()))
    }
}

/// SIGINT, SIGTERM and SIGHUP end the session; SIGWINCH resizes. Delivered through dispatch
/// sources (the process ignores them otherwise), kept alive by this object.
final class SignalSources: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(quit: @escaping @Sendable () -> Void, resize: @escaping @Sendable () -> Void) {
        sources = [(SIGINT, quit), (SIGTERM, quit), (SIGHUP, quit), (SIGWINCH, resize)].map { number, handler in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    deinit { for source in sources { source.cancel() } }
}

/// One line to standard error, before curses starts or after it ends.
enum StandardError {
    static func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
