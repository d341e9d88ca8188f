/// The peer asked us to call someone else (REFER, RFC 3515): the answer to the REFER,
/// the call to the target, and the NOTIFYs that tell the peer how it goes. Pure: the
/// user's decision and the new call's states in, actions out.
///
///     received --never--> declined (603)
///        |--auto--> calling --ringing--> NOTIFY 180 --answered--> NOTIFY 200: done
///        '--ask--> offered --accept--> calling      '--failed--> NOTIFY code: done
///                     '--decline--> NOTIFY 603: done
public struct IncomingTransfer: Sendable, Equatable {
    /// `[[account]] accept_transfer`: what to do with a REFER.
    public enum Policy: String, Sendable, Equatable, CaseIterable {
        case auto, ask, never
    }

    public enum Phase: Sendable, Equatable { case received, offered, calling, done }

    public enum Input: Sendable, Equatable {
        /// The REFER arrived; the account's policy decides.
        case received(Policy)
        case accept
        case decline
        /// The call to the target got this number.
        case callPlaced(CallNumber)
        /// The call to the target changed state.
        case callChanged(CallState, end: CallEnd?)
    }

    public enum Action: Sendable, Equatable {
        /// The final response to the REFER.
        case respond(code: Int, reason: String)
        /// A NOTIFY with this sipfrag status; `terminated` ends the implicit subscription.
        case notify(code: Int, reason: String, terminated: Bool)
        /// Call the target (with Referred-By).
        case placeCall
        case report(TransferUpdate)
    }

    public let target: String
    public private(set) var phase: Phase = .received
    public private(set) var newCall: CallNumber?
    private var lastNotified: Int?

    public init(target: String) { self.target = target }

    public mutating func handle(_ input: Input) -> [Action] {
        switch (phase, input) {
        case (.received, .received(.never)):
            phase = .done
            return [.respond(code: 603, reason: "Decline"), .report(update(.declined, 603, "transfers are refused by setting"))]
        case (.received, .received(.auto)):
            phase = .calling
            return accepted() + [.placeCall]
        case (.received, .received(.ask)):
            phase = .offered
            return accepted() + [.report(update(.offered, nil, nil))]

        case (.offered, .accept):
            phase = .calling
            return [.placeCall]
        case (.offered, .decline):
            phase = .done
            return [.notify(code: 603, reason: "Declined", terminated: true), .report(update(.declined, 603, nil))]

        case (.calling, .callPlaced(let id)):
            newCall = id
            return [.report(update(.calling, nil, nil))]

        case (.calling, .callChanged(let state, let end)):
            switch state {
            case .ringing, .earlyMedia:
                let code = state == .ringing ? 180 : 183
                guard lastNotified != code else { return [] }
                lastNotified = code
                return [.notify(code: code, reason: code == 180 ? "Ringing" : "Session Progress", terminated: false)]
            case .established, .held:
                phase = .done
                return [.notify(code: 200, reason: "OK", terminated: true), .report(update(.succeeded, 200, nil))]
            case .terminated:
                phase = .done
                let code = end?.code.flatMap { (300...699).contains($0) ? $0 : nil } ?? 487
                let reason = end?.detail ?? end?.reason.rawValue ?? "Request Terminated"
                return [.notify(code: code, reason: reason, terminated: true), .report(update(.failed, code, reason))]
            case .trying, .proceeding, .incoming, .terminating:
                return []
            }

        default:
            return []
        }
    }

    /// 202, and the immediate NOTIFY RFC 3515 §2.4.4 asks for.
    private mutating func accepted() -> [Action] {
        lastNotified = 100
        return [.respond(code: 202, reason: "Accepted"), .notify(code: 100, reason: "Trying", terminated: false)]
    }

    private func update(_ stage: TransferUpdate.Stage, _ code: Int?, _ detail: String?) -> TransferUpdate {
        TransferUpdate(stage, target: target, code: code, detail: detail, newCall: newCall)
    }
}
