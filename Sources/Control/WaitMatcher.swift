import UserAgent

/// What a script's front end remembers of the event stream, so that a wait started after
/// the event it waits for still sees it (`call …` then `wait call ringing` on a fast peer).
/// Pure: fed one event at a time, bounded in size whatever the stream holds.
public struct EventMemory: Sendable, Equatable {
    /// The last state seen per account.
    public private(set) var registrations: [String: RegistrationState] = [:]
    /// Per call: the state now, the states passed through, and how it ended.
    public private(set) var calls: [CallNumber: CallMemory] = [:]
    /// The call most recently seen to start (the one `wait call STATE` means).
    public private(set) var newestCall: CallNumber?
    /// DTMF digits received and not yet consumed by a `wait dtmf`.
    public private(set) var digits = ""

    static let maxCalls = 64
    static let maxAccounts = 64
    static let maxDigits = 256

    public init() {}

    /// One call as remembered.
    public struct CallMemory: Sendable, Equatable {
        public var state: CallState
        public var reached: Set<WaitCallState>
        public var end: CallEnd?
    }

    /// Takes in one event.
    public mutating func record(_ event: Event) {
        switch event {
        case .registration(let account, let state):
            if registrations[account] != nil || registrations.count < Self.maxAccounts { registrations[account] = state }
        case .call(let call), .incomingCall(let call):
            remember(call)
        case .calls(let list):
            for call in list { remember(call) }
        case .dtmfReceived(_, let digit):
            digits.append(contentsOf: String(digit).uppercased())
            if digits.count > Self.maxDigits { digits.removeFirst(digits.count - Self.maxDigits) }
        default:
            break
        }
    }

    private mutating func remember(_ call: CallSnapshot) {
        if var known = calls[call.id] {
            known.state = call.state
            known.reached.insert(WaitCallState(call.state))
            known.end = call.end ?? known.end
            calls[call.id] = known
            return
        }
        calls[call.id] = CallMemory(state: call.state, reached: [WaitCallState(call.state)], end: call.end)
        if newestCall.map({ call.id > $0 }) ?? true { newestCall = call.id }
        // The oldest calls are forgotten first: call numbers grow.
        while calls.count > Self.maxCalls, let oldest = calls.keys.min() { calls[oldest] = nil }
    }

    /// Drops the received digits up to the end of the first `match` (a wait used them).
    mutating func consumeDigits(through match: String) {
        guard let range = digits.firstRange(of: match) else { return }
        digits = String(digits[range.upperBound...])
    }
}

/// Whether a wait is over, given what was seen so far.
public enum WaitOutcome: Sendable, Equatable {
    case pending
    case satisfied
    /// The condition can no longer hold (the call ended, registration was refused).
    case failed(String)
}

/// Decides a `wait` against the event memory: call `check` after every event.
public enum WaitMatcher {
    /// The outcome of `condition` now. A satisfied `wait dtmf` consumes its digits.
    public static func check(_ condition: WaitCondition, in memory: inout EventMemory) -> WaitOutcome {
        switch condition {
        case .registered(let account):
            return registered(account, memory.registrations)
        case .call(let number, let wanted):
            guard let id = number ?? memory.newestCall, let call = memory.calls[id] else { return .pending }
            return callOutcome(id, call, wanted)
        case .dtmf(let digits):
            guard memory.digits.contains(digits) else { return .pending }
            memory.consumeDigits(through: digits)
            return .satisfied
        }
    }

    private static func registered(_ account: String?, _ states: [String: RegistrationState]) -> WaitOutcome {
        func isRegistered(_ state: RegistrationState) -> Bool {
            switch state {
            case .registered, .refreshing: true
            case .unregistered, .registering, .unregistering, .failed: false
            }
        }
        guard let account else { return states.values.contains(where: isRegistered) ? .satisfied : .pending }
        guard let state = states[account] else { return .pending }
        if isRegistered(state) { return .satisfied }
        // Failed with no retry planned: pipit gave up, so waiting longer cannot help.
        if case .failed(let reason, let code, nil) = state {
            return .failed("account \(account): registration failed: \(reason)" + (code.map { " (\($0))" } ?? ""))
        }
        return .pending
    }

    private static func callOutcome(_ id: CallNumber, _ call: EventMemory.CallMemory, _ wanted: WaitCallState) -> WaitOutcome {
        let now = WaitCallState(call.state)
        if now == wanted { return wanted == .ended && call.state == .terminating ? .pending : .satisfied }
        if wanted.isSetupStep && call.reached.contains(wanted) { return .satisfied }
        if call.state == .terminated {
            let why = call.end.map { end in
                [end.reason.rawValue, end.code.map(String.init), end.detail].compactMap { $0 }.joined(separator: " ")
            } ?? "ended"
            return .failed("call \(id) ended (\(why)) before it was \(wanted.rawValue)")
        }
        return .pending
    }
}
