/// A blind transfer we asked for (RFC 3515): our REFER, then the peer's NOTIFYs telling
/// how its call to the target goes. Pure: answers and NOTIFYs in, actions out; the give-up
/// timer is an action and comes back as `.timerFired`.
///
///     requested --2xx--> accepted --NOTIFY 1xx--> accepted (progress)
///         |                 |--NOTIFY 2xx--> succeeded: hang up the original call
///         '--3xx-6xx--> failed  '--NOTIFY ≥300, subscription over, or timeout--> failed
public struct OutgoingTransfer: Sendable, Equatable {
    public enum Phase: Sendable, Equatable { case requested, accepted, succeeded, failed }

    public enum Input: Sendable, Equatable {
        /// The final response to our REFER (408 when none came).
        case referAnswered(code: Int, reason: String)
        /// A NOTIFY: the sipfrag's status (nil when unreadable) and whether the
        /// subscription is over (`Subscription-State: terminated`).
        case notified(status: Int?, reason: String, terminated: Bool)
        case timerFired
    }

    public enum Action: Sendable, Equatable {
        case report(TransferUpdate)
        /// The target answered the peer: our call with the peer is over (BYE).
        case hangUpOriginal
        case startTimer(after: Duration)
        case cancelTimer
    }

    public let target: String
    /// How long to wait for the final NOTIFY after the REFER is accepted.
    public let patience: Duration
    public private(set) var phase: Phase = .requested
    private var lastProgress: Int?
    private var acceptReported = false

    public init(target: String, patience: Duration = .seconds(60)) {
        self.target = target
        self.patience = patience
    }

    public var isOver: Bool { phase == .succeeded || phase == .failed }

    public mutating func handle(_ input: Input) -> [Action] {
        guard !isOver else { return [] }
        switch input {
        case .referAnswered(let code, let reason):
            if (200..<300).contains(code) {
                guard !acceptReported else { return [] }
                acceptReported = true
                // A NOTIFY may have come first and started the timer already.
                let timer: [Action] = phase == .requested ? [.startTimer(after: patience)] : []
                phase = .accepted
                return timer + [.report(update(.accepted, code, reason))]
            }
            guard code >= 300 else { return [] }
            phase = .failed
            return [.cancelTimer, .report(update(.failed, code, reason))]

        case .notified(let status?, let reason, _) where (200..<300).contains(status):
            phase = .succeeded
            return [.cancelTimer, .report(update(.succeeded, status, reason)), .hangUpOriginal]

        case .notified(let status?, let reason, _) where status >= 300:
            phase = .failed
            return [.cancelTimer, .report(update(.failed, status, reason))]

        case .notified(let status, let reason, let terminated):
            if terminated {
                phase = .failed
                return [.cancelTimer, .report(update(.failed, status, reason.isEmpty ? "the peer stopped reporting" : reason))]
            }
            var actions: [Action] = []
            if phase == .requested {
                phase = .accepted
                actions.append(.startTimer(after: patience))
            }
            if let status, status != lastProgress {
                lastProgress = status
                actions.append(.report(update(.progress, status, reason)))
            }
            return actions

        case .timerFired:
            guard phase == .accepted else { return [] }
            phase = .failed
            return [.report(update(.failed, nil, "no final word from the peer"))]
        }
    }

    private func update(_ stage: TransferUpdate.Stage, _ code: Int?, _ reason: String) -> TransferUpdate {
        TransferUpdate(stage, target: target, code: code, detail: reason.isEmpty ? nil : reason)
    }
}
