import SIPMessage

/// All live transactions of a stack: routes messages to them (§17.1.3, §17.2.3), starts
/// client transactions, takes the TU's responses, and forgets transactions once they
/// terminate. Pure: the owner feeds messages, timer expiries and transport errors in and
/// performs the returned actions.
///
/// Bounded: at most `capacity` live transactions. A new request beyond that is `.refused`
/// (the owner answers 503); a new client transaction throws `.full`.
public struct TransactionTable: Sendable {
    public let timers: TransactionTimers
    public let capacity: Int
    private var live: [TransactionKey: LiveTransaction] = [:]
    private var pendingTransitions: [KeyedTransition] = []
    /// How many undrained transitions are kept; older ones are dropped first.
    public static let transitionLogLimit = 1024

    public init(timers: TransactionTimers = .init(), capacity: Int = 4096) {
        self.timers = timers
        self.capacity = max(0, capacity)
    }

    /// How many transactions are live.
    public var count: Int { live.count }

    /// The phase of transaction `key`, or nil once it is gone.
    public func phase(of key: TransactionKey) -> TransactionPhase? { live[key]?.phase }

    /// The state changes of transaction `key` so far (for the log pane).
    public func transitions(of key: TransactionKey) -> [TransactionTransition] { live[key]?.transitions ?? [] }

    /// Creates and starts the client transaction for `request` (INVITE or non-INVITE; never
    /// ACK). `reliable`: the request goes over TCP/TLS/… rather than UDP.
    public mutating func startClient(
        _ request: SIPRequest, reliable: Bool
    ) throws(TransactionTableError) -> (key: TransactionKey, actions: [KeyedAction]) {
        let key: TransactionKey
        do {
            key = try TransactionKey.client(sending: request)
        } catch {
            throw .unmatchable(error)
        }
        guard live[key] == nil else { throw .duplicate(key) }
        guard live.count < capacity else { throw .full }
        var transaction: LiveTransaction = request.method == .invite
            ? .clientInvite(ClientInviteTransaction(request: request, reliable: reliable, timers: timers))
            : .clientNonInvite(ClientNonInviteTransaction(request: request, reliable: reliable, timers: timers))
        let actions = transaction.handle(ClientTransactionEvent.start)
        return (key, store(transaction, key: key, actions: actions))
    }

    /// Routes one received message. `reliable` says whether it came over a reliable
    /// transport; nil reads it from the top Via (UDP is the only unreliable one here).
    public mutating func receive(_ message: SIPMessage, reliable: Bool? = nil) -> [KeyedAction] {
        switch message {
        case .response(let response): receive(response)
        case .request(let request): receive(request, reliable: reliable)
        }
    }

    /// The TU answers server transaction `key` with `response`.
    public mutating func respond(
        _ key: TransactionKey, _ response: SIPResponse
    ) throws(TransactionTableError) -> [KeyedAction] {
        guard var transaction = live[key], transaction.isServer else { throw .noSuchTransaction(key) }
        let actions = transaction.handle(ServerTransactionEvent.respond(response))
        return store(transaction, key: key, actions: actions)
    }

    /// Timer `timer` of transaction `key` expired. A timer of a finished transaction is
    /// ignored.
    public mutating func timerFired(_ key: TransactionKey, _ timer: TransactionTimer) -> [KeyedAction] {
        guard var transaction = live[key] else { return [] }
        let actions = transaction.timerFired(timer)
        return store(transaction, key: key, actions: actions)
    }

    /// The transport failed to send a message of transaction `key`.
    public mutating func transportError(_ key: TransactionKey) -> [KeyedAction] {
        guard var transaction = live[key] else { return [] }
        let actions = transaction.transportError()
        return store(transaction, key: key, actions: actions)
    }

    /// The live INVITE server transaction that `cancel` targets (§9.2), if any.
    public func cancelTarget(of cancel: SIPRequest) -> TransactionKey? {
        guard let key = try? TransactionKey.cancelTarget(of: cancel), case .serverInvite = live[key] else {
            return nil
        }
        return key
    }

    // MARK: - Routing

    private mutating func receive(_ response: SIPResponse) -> [KeyedAction] {
        let key: TransactionKey
        do {
            key = try TransactionKey.client(receiving: response)
        } catch {
            return [.unmatchable(.response(response), error)]
        }
        guard var transaction = live[key], !transaction.isServer else {
            let toInvite = key.method == SIPMethod.invite.rawValue
            return toInvite && (200...299).contains(response.statusCode)
                ? [.stray2xx(response)] : [.strayResponse(response)]
        }
        let actions = transaction.handle(ClientTransactionEvent.response(response))
        return store(transaction, key: key, actions: actions)
    }

    private mutating func receive(_ request: SIPRequest, reliable: Bool?) -> [KeyedAction] {
        let key: TransactionKey
        do {
            key = try TransactionKey.server(receiving: request)
        } catch {
            return [.unmatchable(.request(request), error)]
        }
        if let matched = matchingKey(for: request, key: key), var transaction = live[matched] {
            let actions = transaction.handle(ServerTransactionEvent.request(request))
            return store(transaction, key: matched, actions: actions)
        }
        if request.method == .ack { return [.strayACK(request)] }
        guard live.count < capacity else { return [.refused(request)] }
        let isReliable = reliable ?? Self.viaIsReliable(request)
        var transaction: LiveTransaction = request.method == .invite
            ? .serverInvite(ServerInviteTransaction(request: request, reliable: isReliable, timers: timers))
            : .serverNonInvite(ServerNonInviteTransaction(request: request, reliable: isReliable, timers: timers))
        let actions = transaction.handle(ServerTransactionEvent.start)
        return store(transaction, key: key, actions: actions).map { action in
            if case .transaction(let k, .deliverRequest(let r)) = action { return .newRequest(k, r) }
            return action
        }
    }

    /// The live server transaction `request` belongs to. An RFC 2543 ACK carries the To
    /// tag of the final response, which the INVITE (and so the key) lacked: it matches an
    /// INVITE transaction whose final response had that tag (§17.2.3).
    private func matchingKey(for request: SIPRequest, key: TransactionKey) -> TransactionKey? {
        if let existing = live[key], existing.isServer {
            if request.method == .ack, key.isLegacy, case .serverInvite(let invite) = existing,
               invite.finalResponseToTag != TransactionMessages.toTag(request.headers) {
                return nil
            }
            return key
        }
        guard request.method == .ack, key.isLegacy,
              let untagged = try? TransactionKey.legacyACK(request, toTag: nil),
              case .serverInvite(let invite) = live[untagged],
              let tag = invite.finalResponseToTag, tag == TransactionMessages.toTag(request.headers)
        else { return nil }
        return untagged
    }

    /// The state changes since the last call, oldest first, terminal ones included (for
    /// the log pane; at most `transitionLogLimit` are kept between calls).
    public mutating func drainTransitions() -> [KeyedTransition] {
        defer { pendingTransitions = [] }
        return pendingTransitions
    }

    /// Stores the transaction back, or forgets it once terminated, records its new
    /// transitions and tags its actions.
    private mutating func store(
        _ transaction: LiveTransaction, key: TransactionKey, actions: [TransactionAction]
    ) -> [KeyedAction] {
        let seen = live[key]?.transitions.count ?? 0
        for transition in transaction.transitions.dropFirst(seen) {
            pendingTransitions.append(KeyedTransition(key: key, transition: transition))
        }
        if pendingTransitions.count > Self.transitionLogLimit {
            pendingTransitions.removeFirst(pendingTransitions.count - Self.transitionLogLimit)
        }
        live[key] = transaction.phase == .terminated ? nil : transaction
        return actions.map { .transaction(key, $0) }
    }

    private static func viaIsReliable(_ request: SIPRequest) -> Bool {
        guard let first = request.headers.values("Via").first, let via = try? Via.parse(first) else { return false }
        return via.transport != .udp
    }
}

/// One state change of one transaction, as the table reports it.
public struct KeyedTransition: Sendable, Equatable, CustomStringConvertible {
    public var key: TransactionKey
    public var transition: TransactionTransition

    public var description: String { "\(key): \(transition)" }
}

/// Why the table refused a call.
public enum TransactionTableError: Error, Sendable, Equatable {
    /// The request cannot be keyed (no RFC 3261 branch, no CSeq, or an ACK).
    case unmatchable(TransactionMatchError)
    /// A live transaction already has this key (a reused branch).
    case duplicate(TransactionKey)
    /// `capacity` transactions are live.
    case full
    /// No live server transaction has this key (it ended, or is a client one).
    case noSuchTransaction(TransactionKey)
}
