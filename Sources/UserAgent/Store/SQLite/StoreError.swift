/// Everything the stores can fail with. SQLite failures carry SQLite's own message and
/// (extended) result code; none of them carries row contents.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite said no. `operation` says what we were doing ("open", "prepare", "step" …).
    case sqlite(code: Int32, message: String, operation: String)
    /// The database was written by a newer pipit; this one will not touch it.
    case schemaTooNew(path: String, found: Int, supported: Int)
    /// A file system call failed (`errno` is the C error number).
    case fileSystem(operation: String, path: String, errno: Int32)
    /// The caller handed us something the store cannot keep.
    case invalid(String)
    /// No row with this id.
    case notFound(String)
    /// libsqlite3 could not be loaded (the message names the package to install).
    case unavailable(String)

    public var description: String {
        switch self {
        case let .sqlite(code, message, operation):
            return "database \(operation) failed: \(message) (SQLite code \(code))"
        case let .schemaTooNew(path, found, supported):
            return "\(path) has schema version \(found) but this pipit knows only up to "
                + "\(supported); it was written by a newer pipit — upgrade pipit, or move the file aside"
        case let .fileSystem(operation, path, errno):
            return "\(operation) \(path) failed: \(StoreError.errnoText(errno)) (errno \(errno))"
        case let .invalid(why):
            return "invalid: \(why)"
        case let .notFound(what):
            return "not found: \(what)"
        case let .unavailable(why):
            return why
        }
    }

    /// SQLite's primary result code (the low byte of the extended code).
    public var primaryCode: Int32? {
        if case let .sqlite(code, _, _) = self { return code & 0xff }
        return nil
    }
}
