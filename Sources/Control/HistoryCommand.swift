import UserAgent

/// `history [N]`: the last calls from the history database. The front end reads the
/// database (the user agent only writes it), so this has its own parser, like
/// `ScriptCommand`, and is not a `CommandVerb`.
public enum HistoryCommand {
    public static let defaultCount = 20
    public static let maxCount = 500

    public static let helpLines = [
        "history [N]                          list the last N calls (20), newest first; missed calls marked",
    ]

    /// How many calls `history [N]` asks for; nil when the line is another command.
    public static func parse(_ line: String) throws(HistoryCommandError) -> Int? {
        let words: [String]
        do { words = try CommandTokenizer.words(line) } catch { throw HistoryCommandError(error.description) }
        guard words.first?.lowercased() == "history" else { return nil }
        guard words.count <= 2 else { throw HistoryCommandError("history takes one argument, N") }
        guard let word = words.dropFirst().first else { return defaultCount }
        guard word.utf8.count <= 4, let count = Int(word), (1...maxCount).contains(count) else {
            throw HistoryCommandError("history: \(word) is not a number of calls (1 to \(maxCount))")
        }
        return count
    }

    /// One line per call, newest first:
    /// `2026-11-22T18:01:41.000Z outgoing sip:bob@example.com (account work): 1:05, hung up`.
    public static func lines(_ records: [CallRecord]) -> [String] {
        guard !records.isEmpty else { return ["no calls in the history"] }
        return records.map { record in
            let who = record.remoteName.map { "\($0) <\(record.remoteURI)>" } ?? record.remoteURI
            var outcome: [String] = []
            if record.missed {
                outcome.append("missed")
            } else if let answered = record.answeredAt, let ended = record.endedAt {
                outcome.append(clock(max(0, ended &- answered) / 1000))
            }
            if let reason = record.endReason, !record.missed {
                outcome.append(reason + (record.sipCode.map { " (\($0))" } ?? ""))
            } else if record.endedAt == nil {
                outcome.append("in progress")
            }
            return "\(Timestamp.rfc3339(unixMilliseconds: record.startedAt)) \(record.direction.rawValue) "
                + TerminalText.oneLine(who) + " (account \(TerminalText.oneLine(record.account))): "
                + outcome.joined(separator: ", ")
        }
    }

    /// `1:05`, `1:02:03`.
    static func clock(_ seconds: Int64) -> String {
        let two = { (n: Int64) in n < 10 ? "0\(n)" : "\(n)" }
        return seconds >= 3600 ? "\(seconds / 3600):\(two(seconds / 60 % 60)):\(two(seconds % 60))" : "\(seconds / 60):\(two(seconds % 60))"
    }
}

/// Why a `history` line was refused.
public struct HistoryCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
