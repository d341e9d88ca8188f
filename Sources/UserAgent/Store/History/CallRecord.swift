/// One call in the history, as stored. Times are milliseconds since the Unix epoch from
/// the clock the caller injects. A plain value: the user agent maps its calls onto it.
public struct CallRecord: Sendable, Equatable, Identifiable {
    public enum Direction: String, Sendable, Equatable {
        case incoming, outgoing
    }

    /// Stable, unique id (see `CallRecord.makeID()`); chosen by the writer at start.
    public var id: String
    public var direction: Direction
    /// The name of the account the call was on.
    public var account: String
    public var remoteURI: String
    public var remoteName: String?
    public var startedAt: Int64
    public var answeredAt: Int64?
    public var endedAt: Int64?
    /// Why it ended, as text (the user agent stores `CallEnd.Reason.rawValue`;
    /// `HistoryStore.interruptedReason` marks calls cut short by a killed process).
    public var endReason: String?
    /// The SIP status code that ended it, if one did.
    public var sipCode: Int?
    /// An incoming call nobody here answered.
    public var missed: Bool

    public init(id: String = CallRecord.makeID(), direction: Direction, account: String,
                remoteURI: String, remoteName: String? = nil, startedAt: Int64,
                answeredAt: Int64? = nil, endedAt: Int64? = nil, endReason: String? = nil,
                sipCode: Int? = nil, missed: Bool = false) {
        self.id = id
        self.direction = direction
        self.account = account
        self.remoteURI = remoteURI
        self.remoteName = remoteName
        self.startedAt = startedAt
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.endReason = endReason
        self.sipCode = sipCode
        self.missed = missed
    }

    /// Talk time: from answer to end, in ms; nil until both are known.
    public var durationMilliseconds: Int64? {
        guard let answeredAt, let endedAt else { return nil }
        return max(0, endedAt - answeredAt)
    }

    /// True once the call has an end time.
    public var isFinished: Bool { endedAt != nil }

    /// A new random id: 128 random bits as 32 lowercase hex digits in the UUID layout
    /// (8-4-4-4-12), so ids never collide across restarts without coordination.
    public static func makeID() -> String {
        var generator = SystemRandomNumberGenerator()
        return makeID(using: &generator)
    }

    public static func makeID<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        let hex = hex16(high) + hex16(low)
        let groups = [8, 4, 4, 4, 12]
        var result = ""
        var index = hex.startIndex
        for (offset, length) in groups.enumerated() {
            if offset > 0 { result += "-" }
            let end = hex.index(index, offsetBy: length)
            result += hex[index..<end]
            index = end
        }
        return result
    }

    private static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
