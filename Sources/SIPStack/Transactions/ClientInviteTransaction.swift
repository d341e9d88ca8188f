import SIPMessage

/// The INVITE client transaction of RFC 3261 §17.1.1 as updated by RFC 6026 §7.2
/// (after RFC 6026 Figure 5):
///
///                                  |INVITE from TU
///                Timer A fires     |INVITE sent
///                Reset A,          V                  Timer B fires
///                INVITE sent +-----------+            or Transport Err.
///                  +---------|           |--------------------------+
///                  |         |  Calling  |            inform TU     |
///                  +-------->|           |----------------+         |
///                            +-----------+ 2xx            |         |
///         300-699               |     |    2xx to TU      |         |
///         ACK sent              |     |1xx                |         |
///         resp. to TU           |     |1xx to TU          |         |
///       +-----------------------+     V                   |         |
///       |                  1xx  +-----------+             |         |
///       |            1xx to TU  |           |             |         |
///       |                  +----|Proceeding |------------>|         |
///       |                  +--->|           | 2xx         |         |
///       |                       +-----------+ 2xx to TU   |         |
///       |       300-699           |     |                 |         |
///       |       ACK sent          |     |Transport Err.   |         |
///       |       resp. to TU       |     |inform TU        |         |
///       V  +----------------------+     |                 V         |
///  +-----------+                        |          +-----------+    |
///  |           |--+ 300-699             |          |           |--+ 2xx
///  | Completed |  | ACK sent            |          | Accepted  |  | 2xx to TU
///  |           |<-+ (not to TU)         |          |           |<-+ (no ACK)
///  +-----------+                        |          +-----------+    |
///       | Timer D fires,                |     Timer M fires |       |
///       | or Transport Err.             |     -             |       |
///       | inform TU                     V                   V       |
///       |                         +-------------------------------+ |
///       +------------------------>|          Terminated           |<+
///                                 +-------------------------------+
///
/// A 2xx ends the transaction's part: the dialog layer ACKs it, and every 2xx
/// retransmission received in Accepted is passed up with `.deliver`, never ACKed here.
/// Over a reliable transport timer A is never armed and timer D is zero, so Completed is
/// left at once.
public struct ClientInviteTransaction: Sendable {
    private enum State: Sendable {
        case idle
        /// `nextA`: the interval timer A is armed with when it next fires (doubles, uncapped).
        case calling(nextA: Duration)
        case proceeding
        /// `ack`: the ACK sent for the final response, re-sent for each retransmission of it.
        case completed(ack: SIPRequest)
        case accepted
        case terminated

        var phase: TransactionPhase {
            switch self {
            case .idle: .idle
            case .calling: .calling
            case .proceeding: .proceeding
            case .completed: .completed
            case .accepted: .accepted
            case .terminated: .terminated
            }
        }
    }

    /// The INVITE this transaction sends.
    public let request: SIPRequest
    /// Whether the transport is reliable (TCP, TLS …): no retransmissions, timer D zero.
    public let reliable: Bool
    public let timers: TransactionTimers
    private var state: State = .idle
    /// Every state change so far, oldest first (at most one per state of the diagram).
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
            if !reliable { actions.append(.startTimer(.A, after: timers.a)) }
            actions.append(.startTimer(.B, after: timers.b))
            setState(.calling(nextA: timers.a * 2), on: event)
            return actions
        case (.idle, .response), (.idle, .timerFired), (.idle, .transportError):
            return []

        case (.calling(let nextA), .timerFired(.A)):
            // Uncapped doubling; bounded by B only so that arithmetic cannot overflow when
            // an owner keeps firing A.
            setState(.calling(nextA: min(nextA * 2, timers.b)), on: event)
            return [.send(.request(request)), .startTimer(.A, after: nextA)]
        case (.calling, .timerFired(.B)):
            setState(.terminated, on: event)
            return cancelA() + [.timeout, .terminated]
        case (.calling, .response(let response)):
            return receive(response, cancelling: cancelA() + [.cancelTimer(.B)], on: event)
        case (.proceeding, .response(let response)):
            return receive(response, cancelling: [], on: event)
        case (.calling, .transportError):
            setState(.terminated, on: event)
            return cancelA() + [.cancelTimer(.B), .transportFailed, .terminated]
        case (.proceeding, .transportError), (.completed, .transportError):
            setState(.terminated, on: event)
            return [.transportFailed, .terminated]

        case (.completed(let ack), .response(let response)):
            // A retransmitted final response is answered with the same ACK, not passed up.
            return (300...699).contains(response.statusCode) ? [.send(.request(ack))] : []
        case (.completed, .timerFired(.D)):
            setState(.terminated, on: event)
            return [.terminated]

        case (.accepted, .response(let response)):
            return (200...299).contains(response.statusCode) ? [.deliver(response)] : []
        case (.accepted, .timerFired(.M)):
            setState(.terminated, on: event)
            return [.terminated]
        case (.accepted, .transportError):
            // Nothing is sent in Accepted; the error concerns the dialog layer's ACK.
            return [.transportFailed]

        case (_, .start), (.calling, .timerFired), (.proceeding, .timerFired),
             (.completed, .timerFired), (.accepted, .timerFired):
            return []
        case (.terminated, _):
            return []
        }
    }

    /// A response in Calling or Proceeding; `cancelling` stops Calling's timers.
    private mutating func receive(
        _ response: SIPResponse, cancelling: [TransactionAction], on event: ClientTransactionEvent
    ) -> [TransactionAction] {
        switch response.statusCode {
        case 100...199:
            if case .calling = state { setState(.proceeding, on: event) }
            return cancelling + [.deliver(response)]
        case 200...299:
            setState(.accepted, on: event)
            return cancelling + [.deliver(response), .startTimer(.M, after: timers.m)]
        case 300...699:
            let ack = TransactionMessages.ack(for: request, response: response)
            setState(.completed(ack: ack), on: event)
            var actions = cancelling + [.send(.request(ack)), .deliver(response)]
            let d = timers.d(reliable: reliable)
            if d == .zero {
                setState(.terminated, on: .timerFired(.D))
                actions.append(.terminated)
            } else {
                actions.append(.startTimer(.D, after: d))
            }
            return actions
        default:
            return []
        }
    }

    private func cancelA() -> [TransactionAction] { reliable ? [] : [.cancelTimer(.A)] }

    /// The one place the state changes; logs `from → to (event)` when the phase changes.
    private mutating func setState(_ next: State, on event: ClientTransactionEvent) {
        let from = state.phase
        state = next
        if from != next.phase {
            transitions.append(TransactionTransition(from: from, to: next.phase, event: event.description))
        }
    }
}
