/// Instant messages beside the calls, in the same database.
extension HistoryStore {
    public func insertMessage(_ message: MessageRecord) throws {
        try database.run("""
            INSERT INTO messages (direction, account, remote_uri, body, sent_ms, sip_code)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [.text(message.direction.rawValue), .text(message.account), .text(message.remoteURI),
                  .text(message.text), .integer(message.time), .optional(message.sipCode)])
    }

    /// The newest `limit` messages, newest first.
    public func recentMessages(limit: Int) throws -> [MessageRecord] {
        try database.query("""
            SELECT direction, account, remote_uri, body, sent_ms, sip_code FROM messages
            ORDER BY sent_ms DESC, id DESC LIMIT ?
            """, [.integer(Self.clamp(limit))]) { row in
            let directionText = row.string(0)
            guard let direction = MessageRecord.Direction(rawValue: directionText) else {
                throw StoreError.invalid("stored message has direction \(directionText)")
            }
            return MessageRecord(direction: direction, account: row.string(1), remoteURI: row.string(2), text: row.string(3),
                                 time: row.int64(4), sipCode: row.optionalInt64(5).map { Int(clamping: $0) })
        }
    }
}
