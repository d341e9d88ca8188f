import Testing
@testable import UserAgent

@Suite("Call history")
struct HistoryStoreTests {
    let dir: StoreTestDirectory
    let history: HistoryStore

    init() throws {
        dir = try StoreTestDirectory()
        history = HistoryStore(database: try PipitDatabase.open(directory: dir.path))
    }

    func call(_ id: String, _ direction: CallRecord.Direction = .outgoing, at start: Int64,
              uri: String = "sip:bob@example.com", name: String? = "Bob") -> CallRecord {
        CallRecord(id: id, direction: direction, account: "work", remoteURI: uri,
                   remoteName: name, startedAt: start)
    }

    @Test(.timeLimit(.minutes(1)))
    func callIsWrittenAtEveryStateChange() throws {
        try history.insert(call("c1", at: 1_000))
        #expect(try history.record(id: "c1") == call("c1", at: 1_000))
        try history.markAnswered(id: "c1", at: 3_500)
        #expect(try history.record(id: "c1")?.answeredAt == 3_500)
        #expect(try history.record(id: "c1")?.endedAt == nil)
        try history.markEnded(id: "c1", at: 63_500, reason: CallEnd.Reason.remoteHangup.rawValue)
        let done = try #require(try history.record(id: "c1"))
        #expect(done.endedAt == 63_500)
        #expect(done.endReason == "remote hung up")
        #expect(done.durationMilliseconds == 60_000)
        #expect(done.sipCode == nil && !done.missed)
    }

    @Test(.timeLimit(.minutes(1)))
    func failedAndMissedCallsKeepCodeAndFlag() throws {
        try history.insert(call("busy", at: 10))
        try history.markEnded(id: "busy", at: 20, reason: "busy", sipCode: 486)
        try history.insert(call("miss", .incoming, at: 30))
        try history.markEnded(id: "miss", at: 40, reason: "missed", sipCode: 487, missed: true)
        let busy = try #require(try history.record(id: "busy"))
        #expect(busy.sipCode == 486 && busy.durationMilliseconds == nil && !busy.missed)
        let missed = try #require(try history.record(id: "miss"))
        #expect(missed.missed && missed.direction == .incoming && missed.sipCode == 487)
    }

    @Test(.timeLimit(.minutes(1)))
    func updatesOfUnknownCallsFail() throws {
        #expect(throws: StoreError.notFound("call nope")) { try history.markAnswered(id: "nope", at: 1) }
        #expect(throws: StoreError.notFound("call nope")) { try history.markEnded(id: "nope", at: 1, reason: "x") }
        #expect(throws: StoreError.notFound("call nope")) { try history.update(call("nope", at: 1)) }
        try history.insert(call("dup", at: 1))
        #expect(throws: StoreError.self) { try history.insert(call("dup", at: 2)) }
    }

    @Test(.timeLimit(.minutes(1)))
    func updateRewritesTheWholeRecord() throws {
        var record = call("u", at: 5)
        try history.insert(record)
        record.remoteName = nil
        record.answeredAt = 6
        record.endedAt = 9
        record.endReason = "hung up"
        record.sipCode = 200
        try history.update(record)
        #expect(try history.record(id: "u") == record)
    }

    @Test(.timeLimit(.minutes(1)))
    func recentIsNewestFirstAndFiltersMissed() throws {
        for index in 0..<5 {
            let direction: CallRecord.Direction = index.isMultiple(of: 2) ? .incoming : .outgoing
            try history.insert(call("c\(index)", direction, at: Int64(index) * 100))
            try history.markEnded(id: "c\(index)", at: Int64(index) * 100 + 50,
                                  reason: direction == .incoming ? "missed" : "hung up",
                                  missed: direction == .incoming)
        }
        #expect(try history.recent(limit: 3).map(\.id) == ["c4", "c3", "c2"])
        #expect(try history.recent(limit: 10, missedOnly: true).map(\.id) == ["c4", "c2", "c0"])
        #expect(try history.recent(limit: 0).isEmpty)
        #expect(try history.recent(limit: -5).isEmpty)
        #expect(try history.missedCount(since: 0) == 3)
        #expect(try history.missedCount(since: 200) == 2)
        #expect(try history.missedCount(since: 401) == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func searchMatchesURINameAndAccountLiterally() throws {
        try history.insert(call("a", at: 1, uri: "sip:alice@example.com", name: "Alice Liddell"))
        try history.insert(call("b", at: 2, uri: "sip:bob@example.org", name: nil))
        try history.insert(call("p", at: 3, uri: "sip:100%_sure@x.net", name: "Percent"))
        #expect(try history.search("ALICE").map(\.id) == ["a"])
        #expect(try history.search("liddell").map(\.id) == ["a"])
        #expect(try history.search("example").map(\.id) == ["b", "a"])
        #expect(try history.search("work").map(\.id) == ["p", "b", "a"])
        #expect(try history.search("%_").map(\.id) == ["p"], "wildcards are literal")
        #expect(try history.search("nobody").isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func deleteAndClear() throws {
        try history.insert(call("a", at: 1))
        try history.insert(call("b", at: 2))
        try history.insert(call("c", at: 3))
        #expect(try history.delete(id: "b"))
        #expect(try !history.delete(id: "b"))
        #expect(try history.recent(limit: 10).map(\.id) == ["c", "a"])
        #expect(try history.clear() == 2)
        #expect(try history.recent(limit: 10).isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func markInterruptedClosesOnlyOpenCalls() throws {
        try history.insert(call("done", at: 100))
        try history.markEnded(id: "done", at: 200, reason: "hung up")
        try history.insert(call("talking", at: 300))
        try history.markAnswered(id: "talking", at: 400)
        try history.insert(call("ringing", .incoming, at: 500))
        try history.insert(call("dialling", .outgoing, at: 600))
        #expect(try history.markInterrupted(now: 10_000) == 3)
        let talking = try #require(try history.record(id: "talking"))
        #expect(talking.endedAt == 10_000 && talking.endReason == "interrupted" && !talking.missed)
        #expect(talking.endReason == CallEnd.Reason.interrupted.rawValue)
        let ringing = try #require(try history.record(id: "ringing"))
        #expect(ringing.endReason == "interrupted" && ringing.missed, "an unanswered incoming call was missed")
        #expect(try history.record(id: "dialling")?.missed == false)
        #expect(try history.record(id: "done")?.endReason == "hung up")
        #expect(try history.record(id: "done")?.endedAt == 200)
        #expect(try history.markInterrupted(now: 20_000) == 0, "idempotent")
    }

    @Test(.timeLimit(.minutes(1)))
    func interruptedEndIsNeverBeforeTheStart() throws {
        // A clock that stepped backwards must not give a negative duration.
        try history.insert(call("x", at: 5_000))
        try history.markAnswered(id: "x", at: 6_000)
        try history.markInterrupted(now: 1_000)
        #expect(try history.record(id: "x")?.endedAt == 6_000)
        #expect(try history.record(id: "x")?.durationMilliseconds == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func idsAreUniqueAndUUIDShaped() {
        let ids = (0..<1_000).map { _ in CallRecord.makeID() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(20) {
            #expect(id.count == 36)
            #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
            #expect(id.allSatisfy { $0 == "-" || $0.isHexDigit })
        }
    }
}
