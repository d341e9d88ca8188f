/// How a transfer is going, as front ends see it (`Event.transfer`).
public struct TransferUpdate: Sendable, Equatable {
    public enum Stage: String, Sendable, Equatable {
        // We transfer the peer (we sent REFER).
        /// REFER sent.
        case requested
        /// The peer accepted the REFER (202) and is calling the target.
        case accepted
        /// The peer reports progress of its call to the target (a 1xx).
        case progress
        /// The peer reached the target: our call to it is ended.
        case succeeded
        /// The REFER was refused, or the peer's call to the target failed.
        case failed

        // The peer transfers us (we received REFER).
        /// The peer asks us to call the target; `transfer accept` or `transfer decline`.
        case offered
        /// We are calling the target (`newCall`).
        case calling
        /// We declined (by setting or by the user).
        case declined
    }

    public var stage: Stage
    /// Where the call is transferred to (the Refer-To URI).
    public var target: String
    /// The SIP status behind this stage, if one (the REFER's answer, the sipfrag's code).
    public var code: Int?
    /// The reason phrase or an explanation.
    public var detail: String?
    /// Being transferred: the call we placed to the target.
    public var newCall: CallNumber?

    public init(_ stage: Stage, target: String, code: Int? = nil, detail: String? = nil, newCall: CallNumber? = nil) {
        self.stage = stage
        self.target = target
        self.code = code
        self.detail = detail
        self.newCall = newCall
    }
}
