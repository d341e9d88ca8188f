import Control
import Synchronization
import UserAgent

/// The command mode's one reader of the user agent's events, after the printer: it keeps
/// the `EventMemory` that waits are decided on, wakes waiting scripts, and collects the
/// events a command causes (see `CommandRunner`) so that scripts can fail on an error and
/// socket clients get their replies.
final class EventHub: Sendable {
    private struct State {
        var memory = EventMemory()
        var waiters: [Int: Waiter] = [:]
        var nextWaiter = 0
        /// The events of the command running now, if any.
        var capture: [Event]?
        /// `.calls` answers that belong to the command itself (it was `calls`).
        var callsToPass = 0
        var fence: CheckedContinuation<[Event], Never>?
        var ended = false
    }

    private struct Waiter {
        let condition: WaitCondition
        let continuation: CheckedContinuation<WaitResult, Never>
        let timer: Task<Void, Never>
    }

    /// How a wait ended.
    enum WaitResult: Equatable {
        case satisfied
        case failed(String)
        case timedOut
    }

    private let state = Mutex(State())

    /// Takes one event; false when it is the runner's fence and must not be shown.
    func receive(_ event: Event) -> Bool {
        var wake: [(CheckedContinuation<WaitResult, Never>, WaitResult)] = []
        var fenced: (CheckedContinuation<[Event], Never>, [Event])?
        let show = state.withLock { state -> Bool in
            if case .calls = event, state.capture != nil {
                if state.callsToPass > 0 {
                    state.callsToPass -= 1
                } else if let fence = state.fence {
                    fenced = (fence, state.capture ?? [])
                    state.fence = nil
                    state.capture = nil
                    return false
                }
            }
            state.capture?.append(event)
            state.memory.record(event)
            for (id, waiter) in state.waiters {
                switch WaitMatcher.check(waiter.condition, in: &state.memory) {
                case .pending: continue
                case .satisfied:
                    waiter.timer.cancel()
                    wake.append((waiter.continuation, .satisfied))
                case .failed(let why):
                    waiter.timer.cancel()
                    wake.append((waiter.continuation, .failed(why)))
                }
                state.waiters[id] = nil
            }
            return true
        }
        fenced.map { $0.0.resume(returning: $0.1) }
        for (continuation, result) in wake { continuation.resume(returning: result) }
        return show
    }

    /// The event stream ended (the user agent quit): nothing will be satisfied any more.
    func finish() {
        let (waiters, fence, captured) = state.withLock { state in
            state.ended = true
            defer { state.waiters = [:]; state.fence = nil; state.capture = nil }
            return (state.waiters.values.map(\.continuation), state.fence, state.capture ?? [])
        }
        for waiter in waiters { waiter.resume(returning: .failed("pipit is quitting")) }
        fence?.resume(returning: captured)
    }

    /// Starts collecting the events of one command (the runner runs one at a time).
    func beginCapture(passing calls: Int) {
        state.withLock {
            $0.capture = []
            $0.callsToPass = calls
        }
    }

    /// Resumes `continuation` with the collected events once the fence (the next `.calls`
    /// not passed to the command) arrives.
    func awaitFence(_ continuation: CheckedContinuation<[Event], Never>) {
        let ended = state.withLock { state -> [Event]? in
            guard !state.ended else { return [] }
            state.fence = continuation
            return nil
        }
        if let ended { continuation.resume(returning: ended) }
    }

    /// Waits until `condition` holds, can no longer hold, or `timeout` passes.
    func wait(for condition: WaitCondition, timeout: Duration) async -> WaitResult {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if let now = start(id, condition, timeout, continuation) { continuation.resume(returning: now) }
            }
        } onCancel: {
            self.expire(id) // pipit is quitting (a signal): end the wait now; the caller sees the cancellation
        }
    }

    /// The result when it is known at once; otherwise registers the waiter and its timer.
    private func start(_ id: Int, _ condition: WaitCondition, _ timeout: Duration,
                       _ continuation: CheckedContinuation<WaitResult, Never>) -> WaitResult? {
        state.withLock { state -> WaitResult? in
            if state.ended { return .failed("pipit is quitting") }
            // Checked under the lock: a cancellation after it finds the waiter to expire.
            if Task.isCancelled { return .timedOut }
            switch WaitMatcher.check(condition, in: &state.memory) {
            case .satisfied: return .satisfied
            case .failed(let why): return .failed(why)
            case .pending:
                // Started under the lock, so even a zero timeout finds the waiter.
                let timer = Task {
                    try? await Task.sleep(for: timeout)
                    self.expire(id)
                }
                state.waiters[id] = Waiter(condition: condition, continuation: continuation, timer: timer)
                return nil
            }
        }
    }

    private func expire(_ id: Int) {
        let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
        waiter?.continuation.resume(returning: .timedOut)
    }
}
