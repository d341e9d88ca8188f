import Media
import NIOCore
import NIOPosix
import SIPStack
import UserAgent

/// What both front ends run on: the SIP stack, the media engine, the history and contacts
/// stores and the user agent over them, set up and started one way. Set-up warnings and
/// errors go to `report`, as events, so each front end shows them its own way.
struct Session {
    let ua: UserAgent
    let engine: MediaEngine
    let history: HistoryRecorder?
    /// Calls from earlier runs, newest first (only when asked for: the TUI shows them).
    let recentCalls: [CallRecord]
    /// Gives back the pages of code set-up touched once, whenever pipit goes quiet.
    let trimmer: ResidentTrimmer?

    /// How many earlier calls the TUI's History pane starts with.
    static let recentLimit = 200

    /// Sets up the layers; nil (after reporting why) when the media engine cannot start.
    static func open(config: PipitConfig, loadRecentCalls: Bool = false,
                     report: @escaping @Sendable (Event) -> Void) -> Session? {
        let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: .init(config))
        let (history, recent) = openHistory(config, loadRecentCalls: loadRecentCalls, report: report)
        let contacts = ContactBook() // opened on first use
        let engine: MediaEngine
        do {
            engine = try MediaEngine()
        } catch {
            report(.error("\(error)"))
            return nil
        }
        if let warning = HeadlessMode.audioWarning(config.audio) { report(.log(level: .warning, warning)) }
        let ua = UserAgent(config: config, stack: stack,
                           media: EngineMedia(engine: engine, ports: config.network.rtpPorts, audio: config.audio, tones: config.general.tones,
                                              network: config.network),
                           history: history, contacts: contacts)
        return Session(ua: ua, engine: engine, history: history, recentCalls: recent, trimmer: ResidentTrimmer.start())
    }

    /// Starts listening (and registering); false, after reporting why, when it cannot listen.
    func start(config: PipitConfig, report: @Sendable (Event) -> Void) async -> Bool {
        do {
            _ = try await ua.start()
            return true
        } catch {
            report(.error("cannot listen on \(config.network.listen.joined(separator: ", ")): \(error)"))
            return false
        }
    }

    /// After the user agent has quit: the history is written out and the engine stops.
    func close() async {
        trimmer?.stop()
        await history?.close()
        engine.stop()
    }

    /// The history database, unless history is off or it cannot be opened (then calls
    /// go on without it, and the user is told why).
    private static func openHistory(_ config: PipitConfig, loadRecentCalls: Bool,
                                    report: @escaping @Sendable (Event) -> Void) -> (HistoryRecorder?, [CallRecord]) {
        guard config.general.history else { return (nil, []) }
        do {
            let store = HistoryStore(database: try PipitDatabase.open())
            let recent = loadRecentCalls ? (try? store.recent(limit: recentLimit)) ?? [] : []
            let recorder = HistoryRecorder(store: store, now: UserAgent.wallClock()) { problem in
                report(.log(level: .warning, problem))
            }
            return (recorder, recent)
        } catch {
            report(.log(level: .warning, "call history is off: \(error)"))
            return (nil, [])
        }
    }
}
