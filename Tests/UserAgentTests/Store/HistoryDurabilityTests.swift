#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import UserAgent

/// A call must survive the process dying mid-call: the row written at start (and at
/// answer) is on disk, and the next start closes it as "interrupted".
@Suite("Call history durability")
struct HistoryDurabilityTests {
    static let childVariable = "PIPIT_STORE_KILL_CHILD_DIR"

    /// What a killed process leaves behind: the files exactly as they are while the
    /// connection is still open (no close, no checkpoint, no end update), copied to
    /// another directory and opened there, so SQLite must recover the rows from the WAL.
    @Test(.timeLimit(.minutes(1)))
    func abandonedConnectionLosesNoCommittedRow() throws {
        let live = try StoreTestDirectory()
        let after = try StoreTestDirectory()
        let database = try PipitDatabase.open(directory: live.path)
        let history = HistoryStore(database: database)
        try history.insert(CallRecord(id: "mid-call", direction: .outgoing, account: "home",
                                      remoteURI: "sip:carol@example.net", remoteName: "Carol",
                                      startedAt: 1_700_000_000_000))
        try history.markAnswered(id: "mid-call", at: 1_700_000_002_000)
        let wal = live.file("pipit.sqlite3-wal")
        #expect((StoreTestDirectory.size(wal) ?? 0) > 0, "committed pages sit in the WAL")
        try StoreTestDirectory.copy(live.file("pipit.sqlite3"), to: after.file("pipit.sqlite3"))
        try StoreTestDirectory.copy(wal, to: after.file("pipit.sqlite3-wal"))

        let reopened = HistoryStore(database: try PipitDatabase.open(directory: after.path))
        #expect(try reopened.markInterrupted(now: 1_700_000_100_000) == 1)
        let record = try #require(try reopened.record(id: "mid-call"))
        #expect(record.endReason == "interrupted")
        #expect(record.endedAt == 1_700_000_100_000)
        #expect(record.answeredAt == 1_700_000_002_000)
        #expect(record.remoteName == "Carol")
        withExtendedLifetime(database) {}
    }

    /// A second connection sees the started call while the first is still open and has
    /// written nothing more: every write is committed on its own, not buffered.
    @Test(.timeLimit(.minutes(1)))
    func startedCallIsVisibleToAnotherConnectionAtOnce() throws {
        let dir = try StoreTestDirectory()
        let first = HistoryStore(database: try PipitDatabase.open(directory: dir.path))
        try first.insert(CallRecord(id: "ring", direction: .incoming, account: "home",
                                    remoteURI: "sip:dave@example.net", startedAt: 50))
        let second = HistoryStore(database: try PipitDatabase.open(directory: dir.path))
        #expect(try second.recent(limit: 5).map(\.id) == ["ring"])
        #expect(try second.markInterrupted(now: 90) == 1)
        #expect(try first.record(id: "ring")?.endReason == "interrupted")
        #expect(try first.record(id: "ring")?.missed == true)
    }

    /// The real thing: this test binary runs itself as a child (this same test, in child
    /// mode), which writes a started and answered call and then SIGKILLs itself. The
    /// parent reopens the database and finds the call, closed as interrupted.
    @Test(.timeLimit(.minutes(1)))
    func killedProcessLeavesAnInterruptedCall() throws {
        if let childDirectory = getenv(Self.childVariable) {
            try Self.childWritesThenDies(String(cString: childDirectory))
            return
        }
        let dir = try StoreTestDirectory()
        let status = try Self.runChild(directory: dir.path)
        #expect(status.signal == SIGKILL, "child ended with \(status), expected to be killed")

        let history = HistoryStore(database: try PipitDatabase.open(directory: dir.path))
        #expect(try history.markInterrupted(now: 9_000) == 1)
        let record = try #require(try history.record(id: "killed-call"))
        #expect(record.startedAt == 1_000 && record.answeredAt == 2_000)
        #expect(record.endedAt == 9_000 && record.endReason == "interrupted")
    }

    private static func childWritesThenDies(_ directory: String) throws {
        let history = HistoryStore(database: try PipitDatabase.open(directory: directory))
        try history.insert(CallRecord(id: "killed-call", direction: .outgoing, account: "home",
                                      remoteURI: "sip:erin@example.net", startedAt: 1_000))
        try history.markAnswered(id: "killed-call", at: 2_000)
        kill(getpid(), SIGKILL)
        // Not reached: SIGKILL cannot be caught.
        withExtendedLifetime(history) {}
    }

    struct ChildStatus: CustomStringConvertible {
        var exitCode: Int32?
        var signal: Int32?
        var description: String {
            if let signal { return "signal \(signal)" }
            return "exit \(exitCode ?? -1)"
        }
    }

    /// Spawns /proc/self/exe running only this test, its output sent to /dev/null.
    private static func runChild(directory: String) throws -> ChildStatus {
        let arguments = ["/proc/self/exe", "--testing-library", "swift-testing",
                         "--filter", "killedProcessLeavesAnInterruptedCall"]
        var environment: [String] = ["\(childVariable)=\(directory)"]
        for name in ["PATH", "HOME", "LD_LIBRARY_PATH", "TMPDIR"] {
            if let value = getenv(name) { environment.append("\(name)=\(String(cString: value))") }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let rc = posix_spawn(&pid, "/proc/self/exe", &actions, nil, argv, envp)
        guard rc == 0 else { throw StoreTestError("posix_spawn failed: \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw StoreTestError("waitpid failed: errno \(errno)") }
        }
        // WIFSIGNALED / WTERMSIG / WEXITSTATUS are macros Swift cannot import.
        let signal = status & 0x7f
        if signal != 0 && signal != 0x7f { return ChildStatus(signal: signal) }
        return ChildStatus(exitCode: (status >> 8) & 0xff)
    }
}
