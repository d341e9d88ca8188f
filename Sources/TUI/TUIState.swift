import Control
import UserAgent

/// Everything the full-screen interface shows, built only from `Event`s and keys. A value:
/// `apply(_:now:)` and `handle(_:now:)` are pure, so every screen can be tested without a
/// terminal. Time is always passed in (unix milliseconds).
public struct TUIState: Sendable {
    /// Bounds, so a chatty peer cannot grow the view without limit.
    public static let maxLog = 2_000
    public static let maxHistory = 500
    public static let maxConversations = 100
    public static let maxMessagesPerPeer = 200

    /// Accounts in configuration order (from `.accounts`, then `.registration`).
    public var accounts: [AccountSummary] = []
    /// New voicemail messages per account (RFC 3842 indication), as last announced.
    public var voicemail: [String: Int] = [:]
    /// Do not disturb is on (as the user agent last confirmed).
    public var doNotDisturb = false
    /// Accounts whose calls are forwarded (as the user agent last said: its account list,
    /// or its answer to `forward`).
    public var forwarding: Set<String> = []
    /// Accounts that answer calls by themselves (as for `forwarding`, with `autoanswer`).
    public var autoAnswer: Set<String> = []
    /// The sound card's last levels and device mute (`Event.soundLevels`), for the VU
    /// meters; nil until the user agent first reports them.
    public var sound: SoundLevels?
    /// Calls not yet terminated, by call number.
    public var calls: [CallRow] = []
    /// Finished calls, newest first.
    public var history: [HistoryEntry] = []
    /// Missed calls the user has not looked at yet (cleared by opening History).
    public var unseenMissed = 0
    public var contacts: [Contact] = []
    /// Conversations, the most recently active last.
    public var conversations: [Conversation] = []
    public var log: [LogEntry] = []

    public var pane: Pane = .calls
    public var mode: InputMode = .dial
    /// The input line (dial, command and filter modes share it).
    public var input = InputLine()
    public var inputHistory: InputHistory
    /// The main pane's filter (`/`); empty shows everything.
    public var filter = ""
    /// Lines each pane is scrolled away from its anchor (see `Pane.followsEnd`).
    public var scroll: [Pane: Int] = [:]
    /// Rows the main pane had at the last draw (the driver sets it): scrolling stops where
    /// the pane's first line shows.
    public var paneRows = 0
    /// Lines the help screen is scrolled down.
    public var helpScroll = 0
    /// The one-line notice above the input line: the last error, info or completion list.
    public var notice: Span?
    /// When the notice was set (unix ms): it fades after `noticeLifetime`, and the key
    /// hints come back.
    public var noticeAt: Int64 = 0
    public static let noticeLifetime: Int64 = 10_000
    /// Set by `:quit`: the driver hangs up, unregisters and exits.
    public var quitting = false
    /// Set when `account add` (its line or its questions) is complete: the driver writes the
    /// account to the configuration file and clears it.
    public var accountToAdd: AccountDraft?

    public init(inputHistory: InputHistory = InputHistory()) {
        self.inputHistory = inputHistory
    }

    /// The call keys act on: the current one, else the only one, else the newest.
    public var currentCall: CallRow? {
        calls.first(where: \.snapshot.isCurrent) ?? calls.last(where: { $0.snapshot.state != .incoming }) ?? calls.last
    }

    /// The ringing incoming call waiting for an answer, if any (the oldest first).
    public var ringing: CallRow? {
        calls.first { $0.snapshot.state == .incoming }
    }

    /// Whether the VU meters need fresh levels: a call is answered and still up.
    public var wantsLevels: Bool {
        calls.contains { $0.answeredAt != nil && $0.snapshot.state != .terminated }
    }

    public var missedCount: Int { history.reduce(0) { $0 + ($1.missed ? 1 : 0) } }

    /// Numbers and URIs called or calling recently, newest first, without repeats.
    public var recentTargets: [String] {
        var seen = Set<String>()
        return history.map(\.remoteURI).filter { seen.insert($0).inserted }
    }

    /// Adds finished calls from the history database (oldest runs), newest first.
    public mutating func load(history records: [HistoryEntry]) {
        history = Array((history + records).sorted { $0.startedAt > $1.startedAt }.prefix(Self.maxHistory))
    }
}

/// Something the driver does outside the screen when an event arrives.
public enum Alert: Sendable, Equatable {
    /// Ring the terminal bell.
    case bell
    /// A desktop notification (`notify-send`), when one can be sent.
    case notify(summary: String, body: String)
}
