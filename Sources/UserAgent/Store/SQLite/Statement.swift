import CSQLite

/// A compiled statement. Bind values, then `step()` until it returns false.
public final class Statement {
    // Holds the connection so that it outlives its statements.
    private let database: Database
    let handle: OpaquePointer

    init(database: Database, handle: OpaquePointer) {
        self.database = database
        self.handle = handle
    }

    var sqlite: SQLiteLibrary { database.sqlite }

    deinit { _ = sqlite.finalize(handle) }

    /// Binds `values` to parameters 1, 2, … in order. Fails if the count is wrong.
    public func bind(_ values: [SQLiteValue]) throws {
        let expected = Int(sqlite.bind_parameter_count(handle))
        guard values.count == expected else {
            throw StoreError.invalid("statement takes \(expected) values, \(values.count) given")
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Binds one value to parameter `index` (from 1).
    public func bind(_ value: SQLiteValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case let .integer(number): rc = sqlite.bind_int64(handle, index, number)
        case let .real(number): rc = sqlite.bind_double(handle, index, number)
        case .null: rc = sqlite.bind_null(handle, index)
        case let .text(text): rc = bindText(text, at: index)
        }
        guard rc == SQLITE_OK else { throw database.error(rc, "bind") }
    }

    private func bindText(_ text: String, at index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes -> Int32 in
            guard bytes.count <= Int(Int32.max) else { return SQLITE_TOOBIG }
            // An empty buffer may have no base address, and a nil pointer binds NULL.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite.bind_text(handle, index, "", 0, Statement.transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite.bind_text(handle, index, $0, Int32(bytes.count), Statement.transient)
            }
        }
    }

    /// Tells SQLite to copy bound text (SQLITE_TRANSIENT, a macro Swift cannot import).
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }

    /// Advances: true when a row is ready to read, false when the statement is done.
    public func step() throws -> Bool {
        switch sqlite.step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let rc: throw database.error(rc, "step")
        }
    }

    /// The current row (valid until the next `step()`).
    public var row: Row { Row(owner: self) }

    /// Makes the statement ready to run again and clears its bindings.
    public func reset() {
        _ = sqlite.reset(handle)
        _ = sqlite.clear_bindings(handle)
    }
}
