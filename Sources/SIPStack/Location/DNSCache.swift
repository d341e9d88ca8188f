/// Answers kept for their TTL, keyed by (name, type), on an injected clock. Non-existent
/// names are remembered too (RFC 2308), for at most `maxNegativeTTL`. The size is bounded:
/// when full, expired entries go first, then those that would expire soonest.
public struct DNSCache: Sendable {
    /// What the cache knows about a question.
    public enum Answer: Sendable, Equatable {
        /// The records (possibly none: the name exists without that type).
        case records([DNSRecord])
        /// The name does not exist.
        case nameNotFound
    }

    private struct Entry: Sendable {
        var answer: Answer
        var expires: ContinuousClock.Instant
    }

    public let maxEntries: Int
    public let maxTTL: Duration
    public let maxNegativeTTL: Duration
    private var entries: [DNSQuestion: Entry] = [:]

    public init(maxEntries: Int = 1024, maxTTL: Duration = .seconds(86_400), maxNegativeTTL: Duration = .seconds(300)) {
        self.maxEntries = max(1, maxEntries)
        self.maxTTL = maxTTL
        self.maxNegativeTTL = maxNegativeTTL
    }

    public var count: Int { entries.count }

    /// The cached answer, or nil when absent or expired at `now`.
    public mutating func lookup(_ question: DNSQuestion, now: ContinuousClock.Instant) -> Answer? {
        guard let entry = entries[question] else { return nil }
        guard entry.expires > now else {
            entries[question] = nil
            return nil
        }
        return entry.answer
    }

    /// Stores an answer for `ttl` seconds (a zero TTL stores nothing).
    public mutating func store(_ answer: Answer, for question: DNSQuestion, ttl: UInt32, now: ContinuousClock.Instant) {
        let limit: Duration
        switch answer {
        case .nameNotFound: limit = maxNegativeTTL
        case .records(let records): limit = records.isEmpty ? maxNegativeTTL : maxTTL
        }
        let lifetime = min(Duration.seconds(Int64(ttl)), limit)
        guard lifetime > .zero else { return }
        if entries[question] == nil, entries.count >= maxEntries { makeRoom(now: now) }
        entries[question] = Entry(answer: answer, expires: now + lifetime)
    }

    private mutating func makeRoom(now: ContinuousClock.Instant) {
        entries = entries.filter { $0.value.expires > now }
        while entries.count >= maxEntries, let soonest = entries.min(by: { $0.value.expires < $1.value.expires }) {
            entries[soonest.key] = nil
        }
    }
}
