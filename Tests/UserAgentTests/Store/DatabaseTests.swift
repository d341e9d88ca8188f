import Testing
@testable import UserAgent

@Suite("SQLite layer")
struct DatabaseTests {
    @Test(.timeLimit(.minutes(1)))
    func openUsesWALForeignKeysAndSynchronous() throws {
        let dir = try StoreTestDirectory()
        let db = try Database(path: dir.file("a.db"))
        #expect(try db.journalMode() == "wal")
        #expect(try db.query("PRAGMA foreign_keys") { $0.int64(0) } == [1])
        // NORMAL is 1, FULL is 2.
        #expect(try db.query("PRAGMA synchronous") { $0.int64(0) } == [1])
        let full = try Database(path: dir.file("b.db"), options: .init(synchronous: .full))
        #expect(try full.query("PRAGMA synchronous") { $0.int64(0) } == [2])
    }

    @Test(.timeLimit(.minutes(1)))
    func typedValuesRoundTrip() throws {
        let dir = try StoreTestDirectory()
        let db = try Database(path: dir.file("a.db"))
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, n TEXT)")
        let texts = ["", "plain", "ünïcødé ☎️", "quote ' and \" and ;"]
        for text in texts {
            try db.run("INSERT INTO t VALUES (?, ?, ?, ?)",
                       [.integer(Int64.min), .real(-1.5e300), .text(text), .null])
        }
        try db.run("INSERT INTO t VALUES (?, ?, ?, ?)", [9_223_372_036_854_775_807, 0.25, "x", nil])
        let rows = try db.query("SELECT i, r, s, n FROM t ORDER BY rowid") { row in
            (row.int64(0), row.double(1), row.string(2), row.optionalString(3), row.isNull(2))
        }
        #expect(rows.map(\.2) == texts + ["x"])
        #expect(rows.allSatisfy { $0.3 == nil })
        #expect(rows.allSatisfy { !$0.4 }, "an empty string is text, not NULL")
        #expect(rows.first?.0 == Int64.min)
        #expect(rows.first?.1 == -1.5e300)
        #expect(rows.last?.0 == Int64.max)
        #expect(rows.last?.1 == 0.25)
        let values = try db.query("SELECT i, r, s, n FROM t WHERE s = 'x'") { row in
            (0..<row.columnCount).map { row.value($0) }
        }
        #expect(values == [[.integer(Int64.max), .real(0.25), .text("x"), .null]])
    }

    @Test(.timeLimit(.minutes(1)))
    func preparedStatementRunsAgainAfterReset() throws {
        let dir = try StoreTestDirectory()
        let db = try Database(path: dir.file("a.db"))
        try db.execute("CREATE TABLE t (v INTEGER)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        for value in Int64(1)...3 {
            try insert.bind(.integer(value), at: 1)
            #expect(try insert.step() == false)
            insert.reset()
        }
        let select = try db.prepare("SELECT sum(v), count(*) FROM t")
        #expect(try select.step())
        #expect(select.row.int64(0) == 6)
        #expect(select.row.optionalInt64(1) == 3)
        #expect(try select.step() == false)
    }

    @Test(.timeLimit(.minutes(1)))
    func errorsCarrySQLiteMessageAndCode() throws {
        let dir = try StoreTestDirectory()
        let db = try Database(path: dir.file("a.db"))
        try db.execute("CREATE TABLE t (v INTEGER PRIMARY KEY)")
        do {
            _ = try db.prepare("SELEKT 1")
            Issue.record("bad SQL was accepted")
        } catch let StoreError.sqlite(code, message, operation) {
            #expect(code == 1)  // SQLITE_ERROR
            #expect(message.contains("syntax error"))
            #expect(operation == "prepare")
        }
        try db.run("INSERT INTO t VALUES (1)")
        do {
            try db.run("INSERT INTO t VALUES (1)")
            Issue.record("duplicate key was accepted")
        } catch let error as StoreError {
            #expect(error.primaryCode == 19)  // SQLITE_CONSTRAINT
            guard case let .sqlite(code, message, _) = error else { throw error }
            #expect(code == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
            #expect(message.contains("UNIQUE constraint failed"))
            #expect(error.description.contains("UNIQUE constraint failed"))
        }
        #expect(throws: StoreError.invalid("statement takes 1 values, 2 given")) {
            try db.run("INSERT INTO t VALUES (?)", [1, 2])
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func openFailureIsTyped() {
        #expect {
            _ = try Database(path: "/nonexistent-dir-pipit/x.db")
        } throws: { error in
            guard case let .sqlite(code, message, operation) = error as? StoreError else { return false }
            return code & 0xff == 14 && !message.isEmpty && operation.contains("open")  // SQLITE_CANTOPEN
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func transactionCommitsOrRollsBack() throws {
        let dir = try StoreTestDirectory()
        let db = try Database(path: dir.file("a.db"))
        try db.execute("CREATE TABLE t (v INTEGER)")
        try db.transaction { try db.run("INSERT INTO t VALUES (1)") }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (2)")
                throw Boom()
            }
        }
        #expect(!db.isInTransaction)
        // A failing nested step rolls back only itself.
        try db.transaction {
            try db.run("INSERT INTO t VALUES (3)")
            _ = try? db.transaction {
                try db.run("INSERT INTO t VALUES (4)")
                throw Boom()
            }
            #expect(db.isInTransaction)
        }
        #expect(try db.query("SELECT v FROM t ORDER BY v") { $0.int64(0) } == [1, 3])
    }

    @Test(.timeLimit(.minutes(1)))
    func foreignKeysAreEnforced() throws {
        let dir = try StoreTestDirectory()
        let db = try Database(path: dir.file("a.db"))
        try db.execute("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (p INTEGER REFERENCES parent (id) ON DELETE CASCADE);
            """)
        #expect(throws: StoreError.self) { try db.run("INSERT INTO child VALUES (7)") }
        try db.run("INSERT INTO parent VALUES (7)")
        try db.run("INSERT INTO child VALUES (7)")
        try db.run("DELETE FROM parent")
        #expect(try db.query("SELECT count(*) FROM child") { $0.int64(0) } == [0])
    }

    @Test(.timeLimit(.minutes(1)))
    func busyWriterWaitsThenFailsTyped() throws {
        let dir = try StoreTestDirectory()
        let first = try Database(path: dir.file("a.db"))
        try first.execute("CREATE TABLE t (v INTEGER)")
        let second = try Database(path: dir.file("a.db"), options: .init(busyTimeoutMilliseconds: 50))
        try first.execute("BEGIN IMMEDIATE")
        #expect {
            try second.run("INSERT INTO t VALUES (1)")
        } throws: { ($0 as? StoreError)?.primaryCode == 5 }  // SQLITE_BUSY
        try first.execute("COMMIT")
        try second.run("INSERT INTO t VALUES (1)")
        #expect(try first.query("SELECT count(*) FROM t") { $0.int64(0) } == [1])
    }

    @Test(.timeLimit(.minutes(1)))
    func readOnlyRefusesWritesAndMissingFiles() throws {
        let dir = try StoreTestDirectory()
        do {
            let db = try Database(path: dir.file("a.db"))
            try db.execute("CREATE TABLE t (v INTEGER)")
        }
        let reader = try Database(path: dir.file("a.db"), options: .init(readOnly: true))
        #expect(try reader.query("SELECT count(*) FROM t") { $0.int64(0) } == [0])
        #expect {
            try reader.run("INSERT INTO t VALUES (1)")
        } throws: { ($0 as? StoreError)?.primaryCode == 8 }  // SQLITE_READONLY
        #expect(throws: StoreError.self) {
            _ = try Database(path: dir.file("absent.db"), options: .init(create: false))
        }
        #expect(!StoreTestDirectory.exists(dir.file("absent.db")))
    }

    @Test(.timeLimit(.minutes(1)))
    func likeEscapingKeepsWildcardsLiteral() {
        #expect(LikePattern.escape("50%_off\\") == "50\\%\\_off\\\\")
    }
}
