/// One step of a schema: the SQL that takes the database from `version - 1` to `version`.
public struct Migration: Sendable {
    public let version: Int
    public let sql: String

    public init(version: Int, sql: String) {
        self.version = version
        self.sql = sql
    }
}

extension Database {
    /// `PRAGMA user_version`: the schema version this file is at (0 when new).
    public func userVersion() throws -> Int {
        Int(try query("PRAGMA user_version") { $0.int64(0) }.first ?? 0)
    }

    /// Brings the schema up to the last of `migrations`, which must be numbered 1, 2, 3 …
    /// Each pending step runs in its own transaction together with the `user_version`
    /// bump, so a crash leaves the file at a whole version. A file newer than the last
    /// migration is refused with `StoreError.schemaTooNew` and left untouched.
    /// Returns the version found and the version reached.
    @discardableResult
    public func migrate(_ migrations: [Migration]) throws -> (from: Int, to: Int) {
        for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
            throw StoreError.invalid("migration \(offset + 1) is numbered \(migration.version)")
        }
        let latest = migrations.count
        let found = try userVersion()
        guard found <= latest else {
            throw StoreError.schemaTooNew(path: path, found: found, supported: latest)
        }
        for migration in migrations where migration.version > found {
            try transaction {
                // Re-read inside the write lock: another process may have migrated first.
                let current = try userVersion()
                guard current < migration.version else { return }
                try execute(migration.sql)
                try execute("PRAGMA user_version = \(migration.version)")
            }
        }
        return (found, latest)
    }
}
