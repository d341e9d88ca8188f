import CSQLite

/// One SQLite connection, set up the way pipit's stores need it: WAL journal, a busy
/// timeout, foreign keys on.
///
/// Durability: the default is `synchronous=NORMAL` in WAL mode. Every commit is appended
/// to the `-wal` file with `write(2)` before `COMMIT` returns, so the row is in the
/// kernel's page cache and survives the process being killed (SIGKILL, a crash): the next
/// open replays the WAL. What NORMAL does not promise is survival of a power cut or a
/// kernel crash, which would need an `fsync` per commit (`FULL`); the stores are written
/// from the signalling loop, and a disk flush there would stall SIP for tens of
/// milliseconds on a slow disk. Pass `.full` if that trade is wrong for you.
///
/// Not thread-safe by design: a connection belongs to one executor (the signalling loop),
/// so it is not `Sendable` and is opened without SQLite's own mutex.
public final class Database {
    /// How hard a commit pushes to the disk (`PRAGMA synchronous`).
    public enum Synchronous: String, Sendable {
        /// Commits survive a killed process; a power cut may lose the last ones.
        case normal = "NORMAL"
        /// Commits also survive a power cut: an `fsync` per commit.
        case full = "FULL"
    }

    /// How to open a database.
    public struct Options: Sendable {
        public var readOnly: Bool
        /// Create the file if it does not exist (ignored when `readOnly`).
        public var create: Bool
        public var synchronous: Synchronous
        /// How long a write waits for another connection's lock before failing, in ms.
        public var busyTimeoutMilliseconds: Int32

        public init(readOnly: Bool = false, create: Bool = true,
                    synchronous: Synchronous = .normal, busyTimeoutMilliseconds: Int32 = 5_000) {
            self.readOnly = readOnly
            self.create = create
            self.synchronous = synchronous
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        }
    }

    /// The file this connection is open on.
    public let path: String
    let handle: OpaquePointer
    /// libsqlite3, loaded by the first open.
    let sqlite: SQLiteLibrary

    /// Opens (and by default creates) the database at `path`, then switches it to WAL,
    /// sets `synchronous`, the busy timeout and `foreign_keys=ON`.
    public init(path: String, options: Options = Options()) throws {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if options.readOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE
            if options.create { flags |= SQLITE_OPEN_CREATE }
        }
        let sqlite = try SQLiteLibrary.load()
        var db: OpaquePointer?
        let rc = sqlite.open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.flatMap { sqlite.errmsg($0) }.map { String(cString: $0) } ?? "out of memory"
            _ = sqlite.close_v2(db)
            throw StoreError.sqlite(code: rc, message: message, operation: "open \(path)")
        }
        self.path = path
        self.handle = db
        self.sqlite = sqlite
        _ = sqlite.extended_result_codes(db, 1)
        _ = sqlite.busy_timeout(db, options.busyTimeoutMilliseconds)
        try configure(options)
    }

    deinit {
        // close_v2 defers the close until every statement is finalized, so a Statement
        // outliving its query cannot crash us.
        _ = sqlite.close_v2(handle)
    }

    private func configure(_ options: Options) throws {
        if !options.readOnly {
            let mode = try query("PRAGMA journal_mode=WAL") { $0.string(0) }.first ?? ""
            guard mode.lowercased() == "wal" else {
                throw StoreError.sqlite(code: SQLITE_ERROR,
                                        message: "journal mode stayed \(mode), WAL is required",
                                        operation: "open \(path)")
            }
        }
        try execute("PRAGMA synchronous=\(options.synchronous.rawValue)")
        try execute("PRAGMA foreign_keys=ON")
    }

    /// Runs one or more SQL statements that take no parameters (DDL, pragmas).
    public func execute(_ sql: String) throws {
        var errorText: UnsafeMutablePointer<CChar>?
        let rc = sqlite.exec(handle, sql, nil, nil, &errorText)
        if rc != SQLITE_OK {
            let message = errorText.map { String(cString: $0) } ?? lastErrorMessage
            sqlite.free(errorText)
            throw StoreError.sqlite(code: sqlite.extended_errcode(handle), message: message,
                                    operation: "execute")
        }
    }

    /// Compiles one statement. Its parameters are `?` (numbered from 1).
    public func prepare(_ sql: String) throws -> Statement {
        var statement: OpaquePointer?
        let rc = sqlite.prepare_v3(handle, sql, -1, 0, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw error(rc, "prepare")
        }
        return Statement(database: self, handle: statement)
    }

    /// Runs one statement with `values` bound in order; returns the rows it changed.
    @discardableResult
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws -> Int {
        let statement = try prepare(sql)
        try statement.bind(values)
        while try statement.step() {}
        return Int(sqlite.changes64(handle))
    }

    /// Runs one query with `values` bound in order and maps every row with `row`.
    public func query<T>(_ sql: String, _ values: [SQLiteValue] = [],
                         _ row: (Row) throws -> T) throws -> [T] {
        let statement = try prepare(sql)
        try statement.bind(values)
        var result: [T] = []
        while try statement.step() {
            result.append(try row(statement.row))
        }
        return result
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertRowID: Int64 { sqlite.last_insert_rowid(handle) }

    /// The journal mode in force ("wal" for a writable store).
    public func journalMode() throws -> String {
        try query("PRAGMA journal_mode") { $0.string(0) }.first ?? ""
    }

    var lastErrorMessage: String { sqlite.errmsg(handle).map { String(cString: $0) } ?? "unknown error" }

    func error(_ rc: Int32, _ operation: String) -> StoreError {
        // The extended code from the handle is more precise than rc when it matches.
        let extended = sqlite.extended_errcode(handle)
        let code = (extended & 0xff) == (rc & 0xff) ? extended : rc
        return .sqlite(code: code, message: lastErrorMessage, operation: operation)
    }
}
