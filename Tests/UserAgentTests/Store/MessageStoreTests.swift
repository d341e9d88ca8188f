import Testing
@testable import UserAgent

/// The messages table (schema version 2) beside the calls.
@Suite(.timeLimit(.minutes(1)))
struct MessageStoreTests {
    @Test func aVersion1FileGainsMessagesAndKeepsItsCalls() throws {
        let dir = try StoreTestDirectory()
        let call = CallRecord(id: "c1", direction: .incoming, account: "work", remoteURI: "sip:bob@example.com",
                              remoteName: nil, startedAt: 1000, answeredAt: nil, endedAt: 2000, endReason: "missed",
                              sipCode: nil, missed: true)
        do {
            let db = try Database(path: dir.file(PipitDatabase.fileName))
            try db.migrate(Array(StoreSchema.migrations.prefix(1)))
            try HistoryStore(database: db).insert(call)
        }
        let db = try PipitDatabase.open(directory: dir.path)
        #expect(try db.userVersion() == 2)
        let store = HistoryStore(database: db)
        #expect(try store.record(id: "c1") == call)
        try store.insertMessage(MessageRecord(direction: .incoming, account: "work", remoteURI: "sip:bob@example.com",
                                              text: "hi", time: 3000))
        try store.insertMessage(MessageRecord(direction: .outgoing, account: "work", remoteURI: "sip:bob@example.com",
                                              text: "hello\nagain 👋", time: 4000, sipCode: 404))
        let messages = try store.recentMessages(limit: 5)
        #expect(messages.map(\.text) == ["hello\nagain 👋", "hi"])
        #expect(messages[0].sipCode == 404 && messages[1].sipCode == nil && messages[1].direction == .incoming)
        #expect(try store.recentMessages(limit: 1).count == 1)
        #expect(try store.recentMessages(limit: -3).isEmpty)
    }
}
