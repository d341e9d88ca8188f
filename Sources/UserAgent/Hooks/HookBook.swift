/// What the hooks remember between events (pure bookkeeping, kept by the user agent):
/// which calls already ran `call_answered` (a resume is no new answer), the last
/// registration each account's hook saw, and how many hooks run now.
struct HookBook: Sendable {
    /// More hooks at once than this are skipped (a DTMF flood must not fork without bound).
    static let maxRunning = 8

    private var answered: Set<CallNumber> = []
    private var registration: [String: String] = [:]
    private(set) var running = 0

    /// True the first time `call` is seen established.
    mutating func firstAnswer(_ call: CallNumber) -> Bool { answered.insert(call).inserted }

    mutating func ended(_ call: CallNumber) { answered.remove(call) }

    /// True when `state` differs from what the account's hook saw last.
    mutating func registrationChanged(account: String, to state: String) -> Bool {
        guard registration[account] != state else { return false }
        registration[account] = state
        return true
    }

    /// Takes a slot for a hook run; false when all are taken.
    mutating func start() -> Bool {
        guard running < Self.maxRunning else { return false }
        running += 1
        return true
    }

    mutating func finish() { running = max(0, running - 1) }
}
