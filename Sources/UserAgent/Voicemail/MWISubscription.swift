/// A SUBSCRIBE to an account's `message-summary` (RFC 3842, RFC 6665): kept alive by
/// refreshing before it expires, tried again after a pause when it fails. Pure: responses
/// and timers in, actions out.
///
///     idle --start--> subscribing --2xx (Expires E)--> active --timer (E·0.8)--> subscribing
///                         '--failure--> waiting --timer (retry)--> subscribing
public struct MWISubscription: Sendable, Equatable {
    public enum Phase: Sendable, Equatable { case idle, subscribing, active, waiting }

    public enum Input: Sendable, Equatable {
        case start
        /// The final response to our SUBSCRIBE, with its Expires (nil when absent).
        case answered(code: Int, expires: Int?)
        /// The notifier ended the subscription (`Subscription-State: terminated`).
        case terminated
        case timerFired
        case stop
    }

    public enum Action: Sendable, Equatable {
        /// SUBSCRIBE (a refresh when `refresh`), asking for `expires` seconds; 0 ends it.
        case subscribe(expires: Int, refresh: Bool)
        case startTimer(after: Duration)
        case cancelTimer
    }

    public let expires: Int
    /// The pause after a failure before trying again.
    public let retryAfter: Duration
    public private(set) var phase: Phase = .idle
    private var established = false

    public init(expires: Int = 3600, retryAfter: Duration = .seconds(300)) {
        self.expires = expires
        self.retryAfter = retryAfter
    }

    public mutating func handle(_ input: Input) -> [Action] {
        switch (phase, input) {
        case (.idle, .start), (.waiting, .timerFired):
            phase = .subscribing
            established = false
            return [.subscribe(expires: expires, refresh: false)]
        case (.active, .timerFired):
            phase = .subscribing
            return [.subscribe(expires: expires, refresh: true)]
        case (.subscribing, .answered(let code, let granted)) where (200..<300).contains(code):
            let seconds = max(granted ?? expires, 0)
            guard seconds > 0 else { return wait() }
            phase = .active
            established = true
            // Refresh well before the end: 80 %, at least 5 s early when it is short.
            let refreshIn = max(1, min(seconds * 8 / 10, seconds - 5))
            return [.startTimer(after: .seconds(refreshIn))]
        case (.subscribing, .answered(let code, _)) where code >= 300:
            return wait()
        case (.active, .terminated), (.subscribing, .terminated):
            return [.cancelTimer] + wait()
        case (.idle, .stop), (.waiting, .stop):
            phase = .idle
            return [.cancelTimer]
        case (.active, .stop), (.subscribing, .stop):
            phase = .idle
            return established ? [.cancelTimer, .subscribe(expires: 0, refresh: true)] : [.cancelTimer]
        default:
            return []
        }
    }

    private mutating func wait() -> [Action] {
        phase = .waiting
        established = false
        return [.startTimer(after: retryAfter)]
    }
}
