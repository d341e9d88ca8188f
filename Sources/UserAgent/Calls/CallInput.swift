/// What can happen to a call: the user acts, the peer answers, a timer fires.
public enum CallInput: Sendable, Equatable {
    // Our INVITE (outgoing calls).
    /// A 1xx; `hasBody` is true when it carried SDP (early media).
    case provisional(code: Int, hasBody: Bool)
    /// The first 2xx: the call is answered.
    case answered
    /// A 3xx–6xx final response. `canRedirect` says whether a 3xx has a Contact to follow.
    case failed(code: Int, reason: String, canRedirect: Bool)
    /// No final response at all: timeout or transport failure.
    case noResponse(String)

    // The peer's INVITE (incoming calls).
    case cancelReceived
    case ackReceived

    // Both.
    case byeReceived
    /// Our BYE got its answer, or none: either way the dialog is over.
    case byeFinished
    /// Our re-INVITE (hold or resume) got a final response.
    case reinviteFinished(code: Int)
    /// The peer's re-INVITE put us on hold (`true`) or took us off it.
    case remoteHold(Bool)
    /// The answer agreed on nothing we can use (e.g. plain RTP on an SRTP-only account):
    /// the established call is ended with this reason.
    case mediaFailed(String)

    // The user.
    case answer
    case reject(code: Int)
    /// Send the ringing call elsewhere (302 with `to` in Contact).
    case forward(to: String)
    case hangup
    case hold
    case resume
    /// The session timer asks for a refresh (RFC 4028): a re-INVITE that changes nothing.
    case refreshSession

    case timerFired(CallTimer)
}

/// What the call asks its driver to do. The driver builds the messages (it has the
/// dialog and the media) and feeds the outcomes back as `CallInput`s.
public enum CallAction: Sendable, Equatable {
    case sendCancel
    /// ACK the 2xx (and, after a CANCEL or a late fork, BYE straight after).
    case sendACK
    case sendBye
    /// A final non-2xx answer to the peer's INVITE.
    case rejectInvite(code: Int, reason: String)
    /// 302 Moved Temporarily to the peer's INVITE, `to` in Contact (forwarding).
    case redirectInvite(to: String)
    /// 200 OK to the peer's INVITE, with our SDP answer.
    case acceptInvite
    case retransmitAccept
    /// Send the INVITE again to the 3xx's Contact.
    case followRedirect
    /// re-INVITE with a `sendonly` offer (`hold: true`) or `sendrecv` (false).
    case sendReinvite(hold: Bool)
    case startTimer(CallTimer, after: Duration)
    case cancelTimer(CallTimer)
    /// The state the user sees changed: emit an event, write history.
    case report
}

public enum CallTimer: String, Sendable, Equatable, CaseIterable {
    /// Retransmit our 2xx until the ACK comes (§13.3.1.4).
    case acceptRetransmit
    /// Give up on the ACK after 64·T1 and end the call with BYE.
    case ackWait
    /// An incoming call nobody answers is refused with 480 after this long.
    case ringTimeout
    /// Our re-INVITE met a 491: try it again when this fires (RFC 3261 §14.1).
    case glareRetry
    /// An incoming call rang this long unanswered: forward it (`forward_no_answer`).
    case noAnswerForward
}
