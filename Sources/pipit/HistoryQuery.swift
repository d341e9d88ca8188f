import Control
import UserAgent

/// `history [N]` in the command mode: the newest calls, read from the history database
/// over a connection of its own (the user agent's recorder keeps writing on its own).
enum HistoryQuery {
    static func lines(count: Int, enabled: Bool) -> Result<[String], HistoryCommandError> {
        guard enabled else { return .failure(HistoryCommandError("history: call history is off ([general] history = false)")) }
        do {
            let store = HistoryStore(database: try PipitDatabase.open())
            return .success(HistoryCommand.lines(try store.recent(limit: count)))
        } catch {
            return .failure(HistoryCommandError("history: \(error)"))
        }
    }
}
