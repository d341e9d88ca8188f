/// The states the RFC 3261 / RFC 6026 transaction diagrams name, without their data:
/// what the owner shows and logs. Each machine keeps its real state private.
public enum TransactionPhase: String, Sendable, Hashable, CustomStringConvertible {
    /// Created, `start` not yet handled.
    case idle
    case calling, trying, proceeding, accepted, completed, confirmed, terminated

    public var description: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// One state change, `from → to (event)`, for the owner's log pane.
public struct TransactionTransition: Sendable, Equatable, CustomStringConvertible {
    public var from: TransactionPhase
    public var to: TransactionPhase
    public var event: String

    public init(from: TransactionPhase, to: TransactionPhase, event: String) {
        self.from = from
        self.to = to
        self.event = event
    }

    public var description: String { "\(from) → \(to) (\(event))" }
}
