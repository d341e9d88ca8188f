import SIPMessage

/// The non-INVITE client transaction of RFC 3261 §17.1.2 (Figure 6):
///
///                                |Request from TU
///                                |send request
///            Timer E             V
///            send request  +-----------+
///                +---------|           |-------------------+
///                |         |  Trying   |  Timer F          |
///                +-------->|           |  or Transport Err.|
///                          +-----------+  inform TU        |
///             200-699         |  |                         |
///             resp. to TU     |  |1xx                      |
///             +---------------+  |resp. to TU              |
///             |                  |                         |
///             |   Timer E        V       Timer F           |
///             |   send req +-----------+ or Transport Err. |
///             |  +---------|           | inform TU         |
///             |  |         |Proceeding |------------------>|
///             |  +-------->|           |-----+             |
///             |            +-----------+     |1xx          |
///             |              |      ^        |resp to TU   |
///             | 200-699      |      +--------+             |
///             | resp. to TU  |                             |
///             |              |                             |
///             |              V                             |
///             |            +-----------+                   |
///             |            |           |                   |
///             |            | Completed |                   |
///             |            |           |                   |
///             |            +-----------+                   |
///             |              ^   |                         |
///             |              |   | Timer K                 |
///             +--------------+   | -                       |
///                                |                         |
///                                V                         |
///                          +-----------+                   |
///                          | Terminated|<------------------+
///                          +-----------+
///
/// Timer E doubles up to T2 in Trying and is T2 in Proceeding; over a reliable transport
/// it is never armed and timer K is zero. Retransmitted final responses are absorbed.
public struct ClientNonInviteTransaction: Sendable {
    private enum State: Sendable {
        case idle
        /// `nextE`: the interval timer E is armed with when it next fires.
        case trying(nextE: Duration)
        case proceeding
        case completed
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

    /// The request this transaction sends (never INVITE or ACK).
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

    public mutating func handle(_ event: ClientTransactionEvent) -> [TransactionAction] {
        switch (state, event) {
        case (.idle, .start):
            var actions: [TransactionAction] = [.send(.request(request))]
            if !reliable { actions.append(.startTimer(.E, after: timers.e)) }
            actions.append(.startTimer(.F, after: timers.f))
            setState(.trying(nextE: min(timers.e * 2, timers.t2)), on: event)
            return actions
        case (.idle, .response), (.idle, .timerFired), (.idle, .transportError):
            return []

        case (.trying(let nextE), .timerFired(.E)):
            setState(.trying(nextE: min(nextE * 2, timers.t2)), on: event)
            return [.send(.request(request)), .startTimer(.E, after: nextE)]
        case (.proceeding, .timerFired(.E)):
            return [.send(.request(request)), .startTimer(.E, after: timers.t2)]
        case (.trying, .timerFired(.F)), (.proceeding, .timerFired(.F)):
            setState(.terminated, on: event)
            return cancelE() + [.timeout, .terminated]
        case (.trying, .transportError), (.proceeding, .transportError):
            setState(.terminated, on: event)
            return cancelE() + [.cancelTimer(.F), .transportFailed, .terminated]

        case (.trying, .response(let response)), (.proceeding, .response(let response)):
            switch response.statusCode {
            case 100...199:
                setState(.proceeding, on: event)
                return [.deliver(response)]
            case 200...699:
                setState(.completed, on: event)
                var actions = cancelE() + [.cancelTimer(.F), .deliver(response)]
                let k = timers.k(reliable: reliable)
                if k == .zero {
                    setState(.terminated, on: .timerFired(.K))
                    actions.append(.terminated)
                } else {
                    actions.append(.startTimer(.K, after: k))
                }
                return actions
            default:
                return []
            }

        case (.completed, .timerFired(.K)):
            setState(.terminated, on: event)
            return [.terminated]
        case (.completed, .response):
            return []
        case (.completed, .transportError):
            // Nothing is sent in Completed.
            return []

        case (_, .start), (.trying, .timerFired), (.proceeding, .timerFired), (.completed, .timerFired):
            return []
        case (.terminated, _):
            return []
        }
    }

    private func cancelE() -> [TransactionAction] { reliable ? [] : [.cancelTimer(.E)] }

    /// The one place the state changes; logs `from → to (event)` when the phase changes.
    private mutating func setState(_ next: State, on event: ClientTransactionEvent) {
        let from = state.phase
        state = next
        if from != next.phase {
            transitions.append(TransactionTransition(from: from, to: next.phase, event: event.description))
        }
    }
}
