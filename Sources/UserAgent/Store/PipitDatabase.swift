/// pipit's one database file: call history and contacts side by side.
///
///     let database = try PipitDatabase.open()          // at start-up
///     let history = HistoryStore(database: database)
///     try history.markInterrupted(now: nowMilliseconds) // before the first call
///     let contacts = ContactStore(database: database)
///
/// Both stores share the connection and must be used from the executor that owns it.
public enum PipitDatabase {
    /// The file name inside the data directory.
    public static let fileName = "pipit.sqlite3"

    /// Opens (creating if needed) `directory/pipit.sqlite3` — `directory` defaults to the
    /// XDG data directory — with the directory 0700 and the file 0600, and migrates it to
    /// the current schema. Throws `StoreError.schemaTooNew` for a file from a newer pipit.
    public static func open(directory: String? = nil,
                            options: Database.Options = Database.Options()) throws -> Database {
        let directory = try directory ?? DataDirectory.current()
        try DataDirectory.prepare(directory)
        let path = DataDirectory.join(directory, fileName)
        try DataDirectory.prepareFile(path)
        let database = try Database(path: path, options: options)
        try database.migrate(StoreSchema.migrations)
        return database
    }
}
