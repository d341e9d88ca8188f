import CSQLite

/// The columns of the row a statement is on, read by index (from 0). A NULL reads as 0 or
/// "" from the non-optional readers and as nil from the optional ones.
public struct Row {
    // Holding the Statement keeps its handle alive even if a Row escapes its query.
    let owner: Statement
    var statement: OpaquePointer { owner.handle }
    private var sqlite: SQLiteLibrary { owner.sqlite }

    public var columnCount: Int32 { sqlite.column_count(statement) }

    public func isNull(_ column: Int32) -> Bool {
        sqlite.column_type(statement, column) == SQLITE_NULL
    }

    public func int64(_ column: Int32) -> Int64 { sqlite.column_int64(statement, column) }

    public func double(_ column: Int32) -> Double { sqlite.column_double(statement, column) }

    public func string(_ column: Int32) -> String {
        // column_text before column_bytes, as SQLite documents, so the length is of the text.
        guard let text = sqlite.column_text(statement, column) else { return "" }
        let count = Int(sqlite.column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    public func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    public func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    public func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }

    /// The column as whatever storage class it holds (BLOBs read as text).
    public func value(_ column: Int32) -> SQLiteValue {
        switch sqlite.column_type(statement, column) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(int64(column))
        case SQLITE_FLOAT: return .real(double(column))
        default: return .text(string(column))
        }
    }
}
