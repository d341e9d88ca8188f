import SIPMessage

/// The INVITE server transaction of RFC 3261 §17.2.1 as updated by RFC 6026 §7.1
/// (after RFC 6026 Figure 7):
///
///                                |INVITE
///                                |pass INV to TU
///             INVITE             V send 100 if TU won't in 200 ms
///             send response +------------+
///                 +---------|            |--------+ 101-199 from TU
///                 |         | Proceeding |        | send response
///                 +-------->|            |<-------+
///                           +------------+
///                 Transport Err. |  |  |
///                 Inform TU      |  |  |
///            +-------------------+  |  +-----------------------+
///            |   300-699 from TU    |        2xx from TU       |
///            |   send response      |        send response     |
///            |                      V                          V
///            |   INVITE      +-----------+              +-----------+
///            |   send resp.  |           |--+ Timer G   |           |--+ INVITE: -
///            |          +----| Completed |  | send resp.| Accepted  |  | 2xx from TU: send
///            |          +--->|           |<-+           |           |<-+ ACK: pass to TU
///            |               +-----------+              +-----------+
///            |          ACK    |   |  Timer H fires,          | Timer L fires
///            |          -      |   |  or Transport Err.       | -
///            |                 V   |  Inform TU               |
///            |     +-----------+   |                          |
///            |     | Confirmed |   |                          |
///            |     +-----------+   |                          |
///            |   Timer I |         |                          |
///            |   -       V         V                          V
///            |     +------------------------------------------------+
///            +---->|                   Terminated                   |
///                  +------------------------------------------------+
///
/// Transport errors in Proceeding end the transaction (RFC 3261 §17.2.4); in Accepted
/// the TU is told and the transaction stays, as the 2xx is the TU's to retransmit.
/// Over a reliable transport timer G is never armed and timer I is zero.
public struct ServerInviteTransaction: Sendable {
    private enum State: Sendable {
        case idle
        /// `lastProvisional`: re-sent for each INVITE retransmission. `tryingArmed`: the
        /// 100-Trying timer is running (the TU has not answered yet).
        case proceeding(lastProvisional: SIPResponse?, tryingArmed: Bool)
        /// `final`: the 300–699 response, re-sent on timer G and INVITE retransmissions;
        /// `nextG`: G's next interval (doubles, capped at T2).
        case completed(final: SIPResponse, nextG: Duration)
        case confirmed
        case accepted
        case terminated

        var phase: TransactionPhase {
            switch self {
            case .idle: .idle
            case .proceeding: .proceeding
            case .completed: .completed
            case .confirmed: .confirmed
            case .accepted: .accepted
            case .terminated: .terminated
            }
        }
    }

    /// The INVITE that created the transaction.
    public let request: SIPRequest
    public let reliable: Bool
    public let timers: TransactionTimers
    private var state: State = .idle
    /// The To tag of the final response sent, which an RFC 2543 ACK must carry (§17.2.3).
    public private(set) var finalResponseToTag: String?
    /// Every state change so far, oldest first.
    public private(set) var transitions: [TransactionTransition] = []

    public init(request: SIPRequest, reliable: Bool, timers: TransactionTimers = .init()) {
        self.request = request
        self.reliable = reliable
        self.timers = timers
    }

    public var phase: TransactionPhase { state.phase }
    public var lastTransition: TransactionTransition? { transitions.last }

    public mutating func handle(_ event: ServerTransactionEvent) -> [TransactionAction] {
        switch (state, event) {
        case (.idle, .start):
            setState(.proceeding(lastProvisional: nil, tryingArmed: true), on: event)
            return [.deliverRequest(request), .startTimer(.trying100, after: timers.trying)]
        case (.idle, .request), (.idle, .respond), (.idle, .timerFired), (.idle, .transportError):
            return []

        case (.proceeding(let last, let armed), .timerFired(.trying100)):
            guard armed, last == nil else { return [] }
            let trying = TransactionMessages.trying(for: request)
            setState(.proceeding(lastProvisional: trying, tryingArmed: false), on: event)
            return [.send(.response(trying))]
        case (.proceeding(let last, _), .request(let retransmission)):
            // An ACK cannot belong here; an INVITE retransmission gets the last provisional.
            guard retransmission.method == .invite, let last else { return [] }
            return [.send(.response(last))]
        case (.proceeding(_, let armed), .respond(let response)):
            guard (100...699).contains(response.statusCode) else { return [] }
            let stopTrying: [TransactionAction] = armed ? [.cancelTimer(.trying100)] : []
            return stopTrying + respondInProceeding(response, on: event)
        case (.proceeding(_, let armed), .transportError):
            setState(.terminated, on: event)
            return (armed ? [.cancelTimer(.trying100)] : []) + [.transportFailed, .terminated]

        case (.completed(let final, _), .request(let request)):
            if request.method == .ack {
                return confirm(on: event)
            }
            return request.method == .invite ? [.send(.response(final))] : []
        case (.completed(let final, let nextG), .timerFired(.G)):
            setState(.completed(final: final, nextG: min(nextG * 2, timers.t2)), on: event)
            return [.send(.response(final)), .startTimer(.G, after: nextG)]
        case (.completed, .timerFired(.H)):
            setState(.terminated, on: event)
            return cancelG() + [.timeout, .terminated]
        case (.completed, .transportError):
            setState(.terminated, on: event)
            return cancelG() + [.cancelTimer(.H), .transportFailed, .terminated]
        case (.completed, .respond):
            return []

        case (.confirmed, .timerFired(.I)):
            setState(.terminated, on: event)
            return [.terminated]
        case (.confirmed, .request), (.confirmed, .respond), (.confirmed, .transportError):
            // ACK retransmissions are absorbed; nothing is sent any more.
            return []

        case (.accepted, .request(let request)):
            return request.method == .ack ? [.deliverACK(request)] : []
        case (.accepted, .respond(let response)):
            return (200...299).contains(response.statusCode) ? [.send(.response(response))] : []
        case (.accepted, .timerFired(.L)):
            setState(.terminated, on: event)
            return [.terminated]
        case (.accepted, .transportError):
            return [.transportFailed]

        case (_, .start), (.proceeding, .timerFired), (.completed, .timerFired),
             (.confirmed, .timerFired), (.accepted, .timerFired):
            return []
        case (.terminated, _):
            return []
        }
    }

    private mutating func respondInProceeding(
        _ response: SIPResponse, on event: ServerTransactionEvent
    ) -> [TransactionAction] {
        switch response.statusCode {
        case 100...199:
            setState(.proceeding(lastProvisional: response, tryingArmed: false), on: event)
            return [.send(.response(response))]
        case 200...299:
            finalResponseToTag = TransactionMessages.toTag(response.headers)
            setState(.accepted, on: event)
            return [.send(.response(response)), .startTimer(.L, after: timers.l)]
        case 300...699:
            finalResponseToTag = TransactionMessages.toTag(response.headers)
            setState(.completed(final: response, nextG: min(timers.g * 2, timers.t2)), on: event)
            var actions: [TransactionAction] = [.send(.response(response))]
            if !reliable { actions.append(.startTimer(.G, after: timers.g)) }
            actions.append(.startTimer(.H, after: timers.h))
            return actions
        default:
            return []
        }
    }

    /// ACK in Completed: stop retransmitting and absorb ACK retransmissions for timer I.
    private mutating func confirm(on event: ServerTransactionEvent) -> [TransactionAction] {
        setState(.confirmed, on: event)
        var actions = cancelG() + [.cancelTimer(.H)]
        let i = timers.i(reliable: reliable)
        if i == .zero {
            setState(.terminated, on: .timerFired(.I))
            actions.append(.terminated)
        } else {
            actions.append(.startTimer(.I, after: i))
        }
        return actions
    }

    private func cancelG() -> [TransactionAction] { reliable ? [] : [.cancelTimer(.G)] }

    /// The one place the state changes; logs `from → to (event)` when the phase changes.
    private mutating func setState(_ next: State, on event: ServerTransactionEvent) {
        let from = state.phase
        state = next
        if from != next.phase {
            transitions.append(TransactionTransition(from: from, to: next.phase, event: event.description))
        }
    }
}
