import Media
import UserAgent

/// One call in progress as the screen shows it.
public struct CallRow: Sendable, Equatable {
    public var snapshot: CallSnapshot
    /// When pipit first heard of the call (unix ms).
    public var createdAt: Int64
    /// When it was first established (unix ms); the running duration counts from here.
    public var answeredAt: Int64?
    /// The last audio figures (`Event.callStatistics`); nil before any.
    public var statistics: MediaStreamSnapshot?
    /// What this front end last asked for: the core reports neither as an event.
    public var muted = false
    public var recording = false

    public var id: CallNumber { snapshot.id }

    /// Whole seconds since the answer, at `now`; nil before the answer.
    public func duration(now: Int64) -> Int? {
        answeredAt.map { max(0, Int((now &- $0) / 1000)) }
    }
}

/// One finished call in the History pane, newest first.
public struct HistoryEntry: Sendable, Equatable {
    public var direction: CallDirection
    public var remoteURI: String
    public var remoteName: String?
    public var startedAt: Int64
    public var answeredAt: Int64?
    public var endedAt: Int64
    /// "hung up", "busy (486 Busy Here)" …
    public var outcome: String
    public var missed: Bool

    public init(direction: CallDirection, remoteURI: String, remoteName: String?, startedAt: Int64,
                answeredAt: Int64?, endedAt: Int64, outcome: String, missed: Bool) {
        self.direction = direction
        self.remoteURI = remoteURI
        self.remoteName = remoteName
        self.startedAt = startedAt
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.missed = missed
    }

    /// The entry for a record of the history database (calls from earlier runs). Missed
    /// means what it means for this run's calls: the caller gave up before an answer (the
    /// database also counts calls the user rejected).
    public init(_ record: CallRecord) {
        let reason = record.endReason ?? ""
        let outcome = reason + (record.sipCode.map { " (\($0))" } ?? "")
        self.init(direction: record.direction == .incoming ? .incoming : .outgoing,
                  remoteURI: record.remoteURI, remoteName: record.remoteName, startedAt: record.startedAt,
                  answeredAt: record.answeredAt, endedAt: record.endedAt ?? record.startedAt,
                  outcome: outcome, missed: record.missed && reason == CallEnd.Reason.missed.rawValue)
    }
}

/// A received instant message.
public struct Message: Sendable, Equatable {
    public var at: Int64
    public var account: String
    public var text: String
}

/// The messages from one peer.
public struct Conversation: Sendable, Equatable {
    public var peer: String
    public var messages: [Message]
}

/// One line of the Log pane.
public struct LogEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, warning, error }
    public var at: Int64
    public var kind: Kind
    public var text: String
}
