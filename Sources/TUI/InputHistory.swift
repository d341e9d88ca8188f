/// Lines entered before (dial targets and `:` commands), for ↑/↓. Bounded; the driver keeps
/// it across runs with `InputHistoryFile`.
public struct InputHistory: Sendable, Equatable {
    public static let defaultLimit = 500

    public private(set) var entries: [String]
    public let limit: Int
    /// Counts the lines added (not those loaded), so a driver can tell when to save one.
    public private(set) var added = 0
    /// While browsing: the index in `entries` shown; nil when not browsing.
    private var position: Int?
    /// What was typed before browsing began, given back after the newest entry.
    private var draft = ""

    public init(_ entries: [String] = [], limit: Int = InputHistory.defaultLimit) {
        self.limit = max(1, limit)
        self.entries = Array(entries.filter { !$0.isEmpty }.suffix(self.limit))
    }

    /// Remembers `line` (not blank, not a repeat of the last one). Ends browsing.
    public mutating func add(_ line: String) {
        position = nil
        guard !line.allSatisfy(\.isWhitespace), entries.last != line else { return }
        entries.append(line)
        added += 1
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    /// ↑: the entry before the one shown; `current` is kept as the draft on the first step.
    public mutating func previous(current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        let index: Int
        if let position {
            guard position > 0 else { return nil }
            index = position - 1
        } else {
            draft = current
            index = entries.count - 1
        }
        position = index
        return entries[index]
    }

    /// ↓: the entry after the one shown, then the draft; nil when not browsing.
    public mutating func next() -> String? {
        guard let position else { return nil }
        if position + 1 < entries.count {
            self.position = position + 1
            return entries[position + 1]
        }
        self.position = nil
        return draft
    }
}
