import SIPMessage
@testable import SIPStack

/// A machine the virtual clock can drive: it takes timer expiries.
protocol TimerDriven {
    mutating func fire(_ timer: TransactionTimer) -> [TransactionAction]
    var phase: TransactionPhase { get }
}

extension ClientInviteTransaction: TimerDriven {
    mutating func fire(_ timer: TransactionTimer) -> [TransactionAction] { handle(.timerFired(timer)) }
}
extension ClientNonInviteTransaction: TimerDriven {
    mutating func fire(_ timer: TransactionTimer) -> [TransactionAction] { handle(.timerFired(timer)) }
}
extension ServerInviteTransaction: TimerDriven {
    mutating func fire(_ timer: TransactionTimer) -> [TransactionAction] { handle(.timerFired(timer)) }
}
extension ServerNonInviteTransaction: TimerDriven {
    mutating func fire(_ timer: TransactionTimer) -> [TransactionAction] { handle(.timerFired(timer)) }
}

/// A virtual clock for one machine: keeps the armed timers, and `advance(by:)` fires the
/// due ones in time order (ties in arming order), feeding their actions back in.
struct VirtualTimers<Machine: TimerDriven> {
    var machine: Machine
    private(set) var now: Duration = .zero
    /// Every action with the virtual time it was produced at.
    private(set) var log: [(at: Duration, action: TransactionAction)] = []
    private var armed: [TransactionTimer: (due: Duration, order: Int)] = [:]
    private var order = 0

    init(_ machine: Machine) { self.machine = machine }

    /// Runs `body` on the machine (an event) and records the actions it returns.
    @discardableResult
    mutating func run(_ body: (inout Machine) -> [TransactionAction]) -> [TransactionAction] {
        let actions = body(&machine)
        record(actions)
        return actions
    }

    /// Moves the clock forward, firing every timer that falls due on the way.
    mutating func advance(by duration: Duration) {
        let end = now + duration
        while let next = armed.min(by: { ($0.value.due, $0.value.order) < ($1.value.due, $1.value.order) }),
              next.value.due <= end {
            now = next.value.due
            armed[next.key] = nil
            record(machine.fire(next.key))
        }
        now = end
    }

    var armedTimers: Set<TransactionTimer> { Set(armed.keys) }

    /// When each message was sent.
    var sendTimes: [Duration] {
        log.compactMap { if case .send = $0.action { $0.at } else { nil } }
    }

    var sent: [SIPMessage] {
        log.compactMap { if case .send(let m) = $0.action { m } else { nil } }
    }

    var actions: [TransactionAction] { log.map(\.action) }

    private mutating func record(_ actions: [TransactionAction]) {
        for action in actions {
            log.append((now, action))
            switch action {
            case .startTimer(let timer, let after):
                order += 1
                armed[timer] = (now + after, order)
            case .cancelTimer(let timer):
                armed[timer] = nil
            case .terminated:
                armed.removeAll()
            case .send, .deliver, .deliverRequest, .deliverACK, .timeout, .transportFailed:
                break
            }
        }
    }
}

func ms(_ n: Int) -> Duration { .milliseconds(n) }
