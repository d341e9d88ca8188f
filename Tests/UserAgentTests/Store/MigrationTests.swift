import Testing
@testable import UserAgent

@Suite("Schema migrations")
struct MigrationTests {
    static let steps = [
        Migration(version: 1, sql: "CREATE TABLE a (x INTEGER);"),
        Migration(version: 2, sql: "ALTER TABLE a ADD COLUMN y TEXT; CREATE TABLE b (z INTEGER);"),
    ]

    @Test(.timeLimit(.minutes(1)))
    func freshDatabaseGetsEveryStep() throws {
        let dir = try StoreTestDirectory()
        let db = try Database(path: dir.file("m.db"))
        #expect(try db.userVersion() == 0)
        let result = try db.migrate(Self.steps)
        #expect(result.from == 0 && result.to == 2)
        #expect(try db.userVersion() == 2)
        try db.run("INSERT INTO a (x, y) VALUES (1, 'one')")
        try db.run("INSERT INTO b (z) VALUES (2)")
    }

    @Test(.timeLimit(.minutes(1)))
    func reopeningAppliesOnlyWhatIsNew() throws {
        let dir = try StoreTestDirectory()
        do {
            let db = try Database(path: dir.file("m.db"))
            try db.migrate(Array(Self.steps.prefix(1)))
            try db.run("INSERT INTO a (x) VALUES (41)")
        }
        let db = try Database(path: dir.file("m.db"))
        let result = try db.migrate(Self.steps)
        #expect(result.from == 1 && result.to == 2)
        #expect(try db.query("SELECT x, y FROM a") { [$0.value(0), $0.value(1)] } == [[41, nil]])
        let again = try db.migrate(Self.steps)
        #expect(again.from == 2 && again.to == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func newerDatabaseIsRefusedAndLeftAlone() throws {
        let dir = try StoreTestDirectory()
        let path = dir.file("m.db")
        do {
            let db = try Database(path: path)
            try db.migrate(Self.steps)
            try db.execute("PRAGMA user_version = 7")
        }
        let db = try Database(path: path)
        #expect(throws: StoreError.schemaTooNew(path: path, found: 7, supported: 2)) {
            try db.migrate(Self.steps)
        }
        #expect(try db.userVersion() == 7)
        let message = StoreError.schemaTooNew(path: path, found: 7, supported: 2).description
        #expect(message.contains("newer pipit") && message.contains("7") && message.contains(path))
    }

    @Test(.timeLimit(.minutes(1)))
    func failingStepRollsBackWhole() throws {
        let dir = try StoreTestDirectory()
        let db = try Database(path: dir.file("m.db"))
        let broken = [Self.steps[0],
                      Migration(version: 2, sql: "CREATE TABLE c (x INTEGER); CREATE TABLE a (x INTEGER);")]
        #expect(throws: StoreError.self) { try db.migrate(broken) }
        #expect(try db.userVersion() == 1, "step 1 stays, step 2 is all or nothing")
        #expect(try db.query("SELECT count(*) FROM sqlite_master WHERE name = 'c'") { $0.int64(0) } == [0])
    }

    @Test(.timeLimit(.minutes(1)))
    func misnumberedListIsRejected() throws {
        let dir = try StoreTestDirectory()
        let db = try Database(path: dir.file("m.db"))
        #expect(throws: StoreError.invalid("migration 2 is numbered 3")) {
            try db.migrate([Self.steps[0], Migration(version: 3, sql: "")])
        }
        #expect(try db.userVersion() == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func pipitSchemaOpensFreshAndReopens() throws {
        let dir = try StoreTestDirectory()
        do {
            let db = try PipitDatabase.open(directory: dir.path)
            #expect(try db.userVersion() == StoreSchema.currentVersion)
            let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                $0.string(0)
            }
            #expect(tables == ["calls", "contact_numbers", "contact_uris", "contacts", "messages"])
        }
        let again = try PipitDatabase.open(directory: dir.path)
        #expect(try again.userVersion() == StoreSchema.currentVersion)
        try again.execute("PRAGMA user_version = \(StoreSchema.currentVersion + 1)")
        #expect(throws: StoreError.self) { _ = try PipitDatabase.open(directory: dir.path) }
    }
}
