/// The call history. Every state change is its own committed write — a row at start,
/// an update at answer and at end — so a killed process loses nothing: at the next start
/// `markInterrupted(now:)` closes whatever was still open.
///
/// How a call maps onto it: `insert` when the call appears (outgoing `.trying`, incoming
/// `.incoming`), `markAnswered` on `.established`, `markEnded` on `.terminated` with
/// `end.reason.rawValue`, `end.code`, and missed = incoming and never answered.
///
/// Uses the connection it is given (opened by `PipitDatabase.open`), on that
/// connection's executor.
public final class HistoryStore {
    /// The end reason given to calls that were open when the process died.
    /// Equal to `CallEnd.Reason.interrupted.rawValue`.
    public static let interruptedReason = "interrupted"

    /// Most rows a query returns, whatever the caller asks for.
    public static let maximumLimit = 10_000

    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Writes a new call (normally at its start: no answer or end time yet).
    /// Fails if a call with this id already exists.
    public func insert(_ record: CallRecord) throws {
        try database.run("""
            INSERT INTO calls (id, direction, account, remote_uri, remote_name, started_ms,
                               answered_ms, ended_ms, end_reason, sip_code, missed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, Self.values(of: record))
    }

    /// Rewrites every field of an existing call (for a caller that keeps the whole record).
    public func update(_ record: CallRecord) throws {
        var values = Array(Self.values(of: record).dropFirst())
        values.append(.text(record.id))
        let changed = try database.run("""
            UPDATE calls SET direction = ?, account = ?, remote_uri = ?, remote_name = ?,
                started_ms = ?, answered_ms = ?, ended_ms = ?, end_reason = ?, sip_code = ?,
                missed = ?
            WHERE id = ?
            """, values)
        guard changed == 1 else { throw StoreError.notFound("call \(record.id)") }
    }

    /// Records the answer time of call `id`.
    public func markAnswered(id: String, at time: Int64) throws {
        let changed = try database.run("UPDATE calls SET answered_ms = ? WHERE id = ?",
                                       [.integer(time), .text(id)])
        guard changed == 1 else { throw StoreError.notFound("call \(id)") }
    }

    /// Records the end of call `id`: time, reason, SIP code, missed flag.
    public func markEnded(id: String, at time: Int64, reason: String, sipCode: Int? = nil,
                          missed: Bool = false) throws {
        let changed = try database.run("""
            UPDATE calls SET ended_ms = ?, end_reason = ?, sip_code = ?, missed = ? WHERE id = ?
            """, [.integer(time), .text(reason), .optional(sipCode), .integer(missed ? 1 : 0),
                  .text(id)])
        guard changed == 1 else { throw StoreError.notFound("call \(id)") }
    }

    /// Closes every call left without an end time by a process that died: end time `now`
    /// (the moment we noticed — the real end was earlier, but not known), reason
    /// "interrupted". An incoming call that was never answered also counts as missed.
    /// Call once at start, before any new call is written. Returns how many it closed.
    @discardableResult
    public func markInterrupted(now: Int64) throws -> Int {
        try database.run("""
            UPDATE calls SET ended_ms = max(?, started_ms, coalesce(answered_ms, started_ms)),
                end_reason = ?,
                missed = CASE WHEN direction = 'incoming' AND answered_ms IS NULL THEN 1
                              ELSE missed END
            WHERE ended_ms IS NULL
            """, [.integer(now), .text(Self.interruptedReason)])
    }

    static func values(of record: CallRecord) -> [SQLiteValue] {
        [.text(record.id), .text(record.direction.rawValue), .text(record.account),
         .text(record.remoteURI), .optional(record.remoteName), .integer(record.startedAt),
         .optional(record.answeredAt), .optional(record.endedAt), .optional(record.endReason),
         .optional(record.sipCode), .integer(record.missed ? 1 : 0)]
    }
}
