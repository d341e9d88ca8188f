/// Writes calls to the history database as they change, off the signalling loop and in
/// the order they happened: the UA hands each change over at once; one task writes them
/// one by one (the store is confined to it).
public final class HistoryRecorder: CallHistoryRecording {
    private let continuation: AsyncStream<Write>.Continuation
    private let writer: Task<Void, Never>

    /// Opens nothing itself: give it an opened store. Rows left open by a previous run
    /// that was killed are closed as "interrupted" first.
    public init(store: HistoryStore, now: Int64, onError: @escaping @Sendable (String) -> Void) {
        let (stream, continuation) = AsyncStream<Write>.makeStream()
        self.continuation = continuation
        let box = StoreBox(store)
        writer = Task.detached {
            do { try box.store.markInterrupted(now: now) } catch { onError("history: \(error)") }
            var written: Set<String> = []
            for await write in stream {
                let record: CallRecord
                switch write {
                case .call(let call): record = call
                case .message(let message):
                    do { try box.store.insertMessage(message) } catch { onError("history: \(error)") }
                    continue
                }
                do {
                    if written.contains(record.id) {
                        try box.store.update(record)
                    } else {
                        try box.store.insert(record)
                        written.insert(record.id)
                    }
                } catch {
                    onError("history: \(error)")
                }
                if record.isFinished { written.remove(record.id) }
            }
        }
    }

    public func record(_ call: CallSnapshot, recordID: String, startedAt: Int64, answeredAt: Int64?, endedAt: Int64?) {
        let missed = call.direction == .incoming && answeredAt == nil && endedAt != nil
        continuation.yield(.call(CallRecord(
            id: recordID, direction: call.direction == .incoming ? .incoming : .outgoing, account: call.account,
            remoteURI: call.remoteURI, remoteName: call.remoteName, startedAt: startedAt, answeredAt: answeredAt,
            endedAt: endedAt, endReason: endedAt == nil ? nil : call.end?.reason.rawValue, sipCode: call.end?.code,
            missed: missed)))
    }

    public func recordMessage(_ message: MessageRecord) {
        continuation.yield(.message(message))
    }

    /// What the writer task writes, in order.
    private enum Write: Sendable {
        case call(CallRecord)
        case message(MessageRecord)
    }

    /// Waits until everything handed over is written.
    public func close() async {
        continuation.finish()
        await writer.value
    }

    /// The store moves into the writer task and is used only there.
    private final class StoreBox: @unchecked Sendable {
        let store: HistoryStore
        init(_ store: HistoryStore) { self.store = store }
    }
}
