extension Database {
    /// Runs `body` in a transaction: committed when it returns, rolled back when it
    /// throws. At top level it is `BEGIN IMMEDIATE` (takes the write lock up front, so a
    /// second writer waits on the busy timeout instead of failing mid-way); nested calls
    /// become savepoints.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let nested = sqlite.get_autocommit(handle) == 0
        try execute(nested ? "SAVEPOINT pipit_nested" : "BEGIN IMMEDIATE")
        let result: T
        do {
            result = try body()
        } catch {
            // A failed rollback leaves nothing better to report than the original error.
            if nested {
                try? execute("ROLLBACK TO pipit_nested; RELEASE pipit_nested")
            } else if sqlite.get_autocommit(handle) == 0 {
                try? execute("ROLLBACK")
            }
            throw error
        }
        try execute(nested ? "RELEASE pipit_nested" : "COMMIT")
        return result
    }

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite.get_autocommit(handle) == 0 }
}
