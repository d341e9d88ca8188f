import SIPMessage

/// One live transaction of any of the four kinds, as the table stores it.
enum LiveTransaction: Sendable {
    case clientInvite(ClientInviteTransaction)
    case clientNonInvite(ClientNonInviteTransaction)
    case serverInvite(ServerInviteTransaction)
    case serverNonInvite(ServerNonInviteTransaction)

    var phase: TransactionPhase {
        switch self {
        case .clientInvite(let t): t.phase
        case .clientNonInvite(let t): t.phase
        case .serverInvite(let t): t.phase
        case .serverNonInvite(let t): t.phase
        }
    }

    var transitions: [TransactionTransition] {
        switch self {
        case .clientInvite(let t): t.transitions
        case .clientNonInvite(let t): t.transitions
        case .serverInvite(let t): t.transitions
        case .serverNonInvite(let t): t.transitions
        }
    }

    var isServer: Bool {
        switch self {
        case .clientInvite, .clientNonInvite: false
        case .serverInvite, .serverNonInvite: true
        }
    }

    /// Feeds a client event; server transactions ignore it.
    mutating func handle(_ event: ClientTransactionEvent) -> [TransactionAction] {
        switch self {
        case .clientInvite(var t):
            let actions = t.handle(event)
            self = .clientInvite(t)
            return actions
        case .clientNonInvite(var t):
            let actions = t.handle(event)
            self = .clientNonInvite(t)
            return actions
        case .serverInvite, .serverNonInvite:
            return []
        }
    }

    /// Feeds a server event; client transactions ignore it.
    mutating func handle(_ event: ServerTransactionEvent) -> [TransactionAction] {
        switch self {
        case .serverInvite(var t):
            let actions = t.handle(event)
            self = .serverInvite(t)
            return actions
        case .serverNonInvite(var t):
            let actions = t.handle(event)
            self = .serverNonInvite(t)
            return actions
        case .clientInvite, .clientNonInvite:
            return []
        }
    }

    /// Timer expiry and transport errors, whichever side this is.
    mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        isServer ? handle(ServerTransactionEvent.timerFired(timer)) : handle(ClientTransactionEvent.timerFired(timer))
    }

    mutating func transportError() -> [TransactionAction] {
        isServer ? handle(ServerTransactionEvent.transportError) : handle(ClientTransactionEvent.transportError)
    }
}
