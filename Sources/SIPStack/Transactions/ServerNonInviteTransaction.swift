import SIPMessage

/// The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8):
///
///                                   |Request received
///                                   |pass to TU
///                                   V
///                             +-----------+
///                             |           |
///                             | Trying    |-------------+
///                             |           |             |
///                             +-----------+             |200-699 from TU
///                                   |                   |send response
///                                   |1xx from TU        |
///                                   |send response      |
///                                   |                   |
///                Request            V      1xx from TU  |
///                send response+-----------+send response|
///                    +--------|           |--------+    |
///                    |        | Proceeding|        |    |
///                    +------->|           |<-------+    |
///             +<--------------|           |             |
///             |Trnsprt Err    +-----------+             |
///             |Inform TU            |                   |
///             |                     |                   |
///             |                     |200-699 from TU    |
///             |                     |send response      |
///             |  Request            V                   |
///             |  send response+-----------+             |
///             |      +--------|           |             |
///             |      |        | Completed |<------------+
///             |      +------->|           |
///             +<--------------|           |
///             |Trnsprt Err    +-----------+
///             |Inform TU            |
///             |                     |Timer J fires
///             |                     |-
///             |                     |
///             |                     V
///             |               +-----------+
///             |               |           |
///             +-------------->| Terminated|
///                             |           |
///                             +-----------+
///
/// Retransmissions in Trying are absorbed (there is nothing to answer with yet). Over a
/// reliable transport timer J is zero.
public struct ServerNonInviteTransaction: Sendable {
    private enum State: Sendable {
        case idle
        case trying
        /// `last`: the provisional re-sent for each retransmission of the request.
        case proceeding(last: SIPResponse)
        /// `final`: re-sent for each retransmission of the request.
        case completed(final: SIPResponse)
        case terminated

        var phase: TransactionPhase {
            switch self {
            case .idle: .idle
            case .trying: .trying
            case .proceeding: .proceeding
            case .completed: .completed
            case .terminated: .terminated
            }
        }
    }

    /// The request that created the transaction (neither INVITE nor ACK).
    public let request: SIPRequest
    public let reliable: Bool
    public let timers: TransactionTimers
    private var state: State = .idle
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
            setState(.trying, on: event)
            return [.deliverRequest(request)]
        case (.idle, .request), (.idle, .respond), (.idle, .timerFired), (.idle, .transportError):
            return []

        case (.trying, .request):
            return []
        case (.proceeding(let last), .request):
            return [.send(.response(last))]
        case (.completed(let final), .request):
            return [.send(.response(final))]

        case (.trying, .respond(let response)), (.proceeding, .respond(let response)):
            switch response.statusCode {
            case 100...199:
                setState(.proceeding(last: response), on: event)
                return [.send(.response(response))]
            case 200...699:
                setState(.completed(final: response), on: event)
                var actions: [TransactionAction] = [.send(.response(response))]
                let j = timers.j(reliable: reliable)
                if j == .zero {
                    setState(.terminated, on: .timerFired(.J))
                    actions.append(.terminated)
                } else {
                    actions.append(.startTimer(.J, after: j))
                }
                return actions
            default:
                return []
            }
        case (.completed, .respond):
            return []

        case (.completed, .timerFired(.J)):
            setState(.terminated, on: event)
            return [.terminated]
        case (.proceeding, .transportError):
            setState(.terminated, on: event)
            return [.transportFailed, .terminated]
        case (.completed, .transportError):
            setState(.terminated, on: event)
            return [.cancelTimer(.J), .transportFailed, .terminated]
        case (.trying, .transportError):
            // Nothing has been sent yet, so no send of ours failed.
            return []

        case (_, .start), (.trying, .timerFired), (.proceeding, .timerFired), (.completed, .timerFired):
            return []
        case (.terminated, _):
            return []
        }
    }

    /// The one place the state changes; logs `from → to (event)` when the phase changes.
    private mutating func setState(_ next: State, on event: ServerTransactionEvent) {
        let from = state.phase
        state = next
        if from != next.phase {
            transitions.append(TransactionTransition(from: from, to: next.phase, event: event.description))
        }
    }
}
