/// Session timers (RFC 4028): the interval and who refreshes are agreed in the INVITE and
/// its 2xx; then the refresher sends a re-INVITE every half interval, and the other side
/// ends the call when no refresh came by the end of the interval (less a margin). Pure:
/// timers are actions, the driver feeds them back.
public struct SessionTimer: Sendable, Equatable {
    /// Who sends the refreshes.
    public enum Refresher: String, Sendable, Equatable { case uac, uas }

    public enum Action: Sendable, Equatable {
        case startTimer(after: Duration)
        /// Send a refresh (re-INVITE with the current SDP).
        case refresh
        /// No refresh came: end the call with BYE (§10).
        case expire
    }

    public let seconds: Int
    public let weRefresh: Bool

    public init(seconds: Int, weRefresh: Bool) {
        self.seconds = max(1, seconds)
        self.weRefresh = weRefresh
    }

    /// The timer from the session start or a refresh: the refresher waits half the
    /// interval; the other side the interval less min(32 s, a third) (§10).
    public func restart() -> [Action] {
        if weRefresh { return [.startTimer(after: .milliseconds(seconds * 500))] }
        let margin = min(32_000, seconds * 1000 / 3)
        return [.startTimer(after: .milliseconds(seconds * 1000 - margin))]
    }

    public func fired() -> [Action] { weRefresh ? [.refresh] : [.expire] }

    // MARK: Negotiation

    /// `Session-Expires: 1800;refresher=uac` → (1800, .uac); nil when unreadable.
    public static func parse(_ value: String) -> (seconds: Int, refresher: Refresher?)? {
        let parts = value.split(separator: ";").map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
        guard let first = parts.first, !first.isEmpty, first.count <= 9, first.allSatisfy(\.isNumber),
              let seconds = Int(first), seconds > 0 else { return nil }
        let refresher = parts.dropFirst().first { $0.hasPrefix("refresher=") }
            .flatMap { Refresher(rawValue: String($0.dropFirst("refresher=".count))) }
        return (seconds, refresher)
    }

    /// What a UAS answers to an INVITE (§9): 422 when the interval is below our minimum,
    /// else the interval and the refresher (kept if asked; the UAC when it does timers,
    /// else us). Nil when the INVITE asks no session timer.
    public enum CalleeDecision: Sendable, Equatable {
        case tooSmall(minimum: Int)
        case run(seconds: Int, refresher: Refresher, require: Bool)
    }

    public static func asCallee(sessionExpires: String?, uacSupportsTimer: Bool, minimum: Int) -> CalleeDecision? {
        guard let value = sessionExpires, let (seconds, asked) = parse(value) else { return nil }
        guard seconds >= minimum else { return .tooSmall(minimum: minimum) }
        let refresher = asked ?? (uacSupportsTimer ? .uac : .uas)
        return .run(seconds: seconds, refresher: refresher, require: uacSupportsTimer)
    }
}
