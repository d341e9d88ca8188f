extension HistoryStore {
    static let columns = """
        id, direction, account, remote_uri, remote_name, started_ms, answered_ms, ended_ms,
        end_reason, sip_code, missed
        """

    /// The call with this id, if any.
    public func record(id: String) throws -> CallRecord? {
        try database.query("SELECT \(Self.columns) FROM calls WHERE id = ?", [.text(id)],
                           Self.record(from:)).first
    }

    /// The newest `limit` calls, newest first; only missed ones when `missedOnly`.
    public func recent(limit: Int, missedOnly: Bool = false) throws -> [CallRecord] {
        try database.query("""
            SELECT \(Self.columns) FROM calls
            WHERE (? = 0 OR missed = 1)
            ORDER BY started_ms DESC, rowid DESC LIMIT ?
            """, [.integer(missedOnly ? 1 : 0), .integer(Self.clamp(limit))], Self.record(from:))
    }

    /// How many missed calls started at or after `time`.
    public func missedCount(since time: Int64) throws -> Int {
        Int(try database.query("SELECT count(*) FROM calls WHERE missed = 1 AND started_ms >= ?",
                               [.integer(time)]) { $0.int64(0) }.first ?? 0)
    }

    /// Calls whose remote URI, remote name or account contains `text` (case-insensitive
    /// for ASCII), newest first.
    public func search(_ text: String, limit: Int = 100) throws -> [CallRecord] {
        let pattern = "%" + LikePattern.escape(text) + "%"
        return try database.query("""
            SELECT \(Self.columns) FROM calls
            WHERE remote_uri LIKE ?1 ESCAPE '\\' OR remote_name LIKE ?1 ESCAPE '\\'
               OR account LIKE ?1 ESCAPE '\\'
            ORDER BY started_ms DESC, rowid DESC LIMIT ?2
            """, [.text(pattern), .integer(Self.clamp(limit))], Self.record(from:))
    }

    /// Deletes one call; false if there was none with this id.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        try database.run("DELETE FROM calls WHERE id = ?", [.text(id)]) == 1
    }

    /// Deletes the whole history; returns how many calls it held.
    @discardableResult
    public func clear() throws -> Int {
        try database.run("DELETE FROM calls")
    }

    static func clamp(_ limit: Int) -> Int64 {
        Int64(min(max(limit, 0), maximumLimit))
    }

    static func record(from row: Row) throws -> CallRecord {
        let directionText = row.string(1)
        guard let direction = CallRecord.Direction(rawValue: directionText) else {
            throw StoreError.invalid("stored call has direction \(directionText)")
        }
        let code = row.optionalInt64(9).map { Int(clamping: $0) }
        return CallRecord(id: row.string(0), direction: direction, account: row.string(2),
                          remoteURI: row.string(3), remoteName: row.optionalString(4),
                          startedAt: row.int64(5), answeredAt: row.optionalInt64(6),
                          endedAt: row.optionalInt64(7), endReason: row.optionalString(8),
                          sipCode: code, missed: row.int64(10) != 0)
    }
}
