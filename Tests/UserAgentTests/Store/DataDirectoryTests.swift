#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import UserAgent

@Suite("Data directory")
struct DataDirectoryTests {
    @Test(.timeLimit(.minutes(1)))
    func followsXDG() {
        #expect(DataDirectory.path(xdgDataHome: "/x/data", home: "/home/a") == "/x/data/pipit")
        #expect(DataDirectory.path(xdgDataHome: "/x/data/", home: nil) == "/x/data/pipit")
        #expect(DataDirectory.path(xdgDataHome: nil, home: "/home/a") == "/home/a/.local/share/pipit")
        // A relative XDG_DATA_HOME is invalid and ignored.
        #expect(DataDirectory.path(xdgDataHome: "rel", home: "/home/a") == "/home/a/.local/share/pipit")
        #expect(DataDirectory.path(xdgDataHome: "", home: "") == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func createsPrivateDirectoryAndFile() throws {
        let dir = try StoreTestDirectory()
        let data = dir.file("share/pipit")
        let db = try PipitDatabase.open(directory: data)
        #expect(StoreTestDirectory.mode(data) == 0o700)
        #expect(StoreTestDirectory.mode(dir.file("share")) == 0o700)
        #expect(StoreTestDirectory.mode(data + "/pipit.sqlite3") == 0o600)
        // SQLite gives the WAL the database's mode; it exists while the connection is open.
        #expect(StoreTestDirectory.mode(data + "/pipit.sqlite3-wal") == 0o600)
        withExtendedLifetime(db) {}
    }

    @Test(.timeLimit(.minutes(1)))
    func narrowsWideModes() throws {
        let dir = try StoreTestDirectory()
        let data = dir.file("pipit")
        #expect(mkdir(data, 0o755) == 0)
        #expect(chmod(data, 0o755) == 0)
        try StoreTestDirectory.writeFile([], to: data + "/pipit.sqlite3")
        #expect(chmod(data + "/pipit.sqlite3", 0o644) == 0)
        _ = try PipitDatabase.open(directory: data)
        #expect(StoreTestDirectory.mode(data) == 0o700)
        #expect(StoreTestDirectory.mode(data + "/pipit.sqlite3") == 0o600)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFileInTheWayIsAnError() throws {
        let dir = try StoreTestDirectory()
        try StoreTestDirectory.writeFile([1], to: dir.file("pipit"))
        #expect(throws: StoreError.self) { _ = try PipitDatabase.open(directory: dir.file("pipit")) }
    }
}
