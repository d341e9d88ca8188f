import NIOCore
import SDP
import SIPMessage
import SIPStack

/// The driver-side state of one call: its machine plus everything the machine's actions
/// need — requests, dialogs, media, timers. Owned by `UserAgent` and touched only on its
/// executor (the signalling loop): closures elsewhere carry it only to hand it back.
final class CallLeg: @unchecked Sendable {
    let id: CallNumber
    let account: AccountConfig
    let direction: CallDirection
    var machine: CallMachine
    var remoteURI: String
    var remoteName: String?
    var isCurrent = false
    /// The incoming-call event went out (it goes out once).
    var announced = false
    /// The `incoming_call` hook runs: the call does not ring here (is not reported) until
    /// it has decided.
    var screening = false
    /// The media session was told the call is answered.
    var mediaActive = false
    /// The session was told to play early media (183 with SDP).
    var earlyMediaOn = false
    /// What front ends last saw: a report that changes nothing is not sent again.
    var lastReported: CallSnapshot?
    let callID: String
    let localTag: String
    /// The history row (nil when history is off).
    var historyID: String?
    let startedAt: Int64
    var answeredAt: Int64?

    // Outgoing.
    /// Our INVITE as handed to the stack (no Via): CANCEL and auth retries start from it.
    var invite: SIPRequest?
    /// The 3xx Contacts not yet tried; the Request-URIs already tried (loop detection).
    var redirectTargets: [URI] = []
    var triedTargets: [String] = []
    /// 2xx from other forks that came before the winning one was handled.
    var lateForkAnswers: [SIPResponse] = []
    /// Reliable 1xx (RFC 3262): which were PRACKed, the early dialogs they made, and the
    /// highest CSeq a PRACK used (the confirmed dialog counts on from it).
    var reliableProvisionals = ReliableProvisionals()
    /// Our 180 sent reliably (the caller required 100rel), until PRACKed.
    var reliableResponder: ReliableResponder?
    /// The consultation call this call is being transferred to (attended transfer).
    var attendedConsultation: CallNumber?
    var earlyDialogs: [String: Dialog] = [:]
    var prackSeq: UInt32?
    /// Session timer (RFC 4028): what runs once the call is up, its scheduled task, what
    /// our INVITE asks for (raised by a 422), what we agreed as callee.
    var sessionTimer: SessionTimer?
    /// The peer's Allow lists UPDATE: our offers in the call go by UPDATE (RFC 3311).
    var peerAllowsUpdate = false
    var sessionTimerTask: Scheduled<Void>?
    var sessionExpiresAsked = 1800
    var calleeTimer: (seconds: Int, refresher: SessionTimer.Refresher, require: Bool)?
    /// The ACK for the 2xx, re-sent when the 2xx is retransmitted.
    var ack: (request: SIPRequest, targets: [SIPTarget])?
    /// The ACK of the winning 2xx on its way: a late fork's ACK and BYE wait for it, so
    /// the peer sees the call acknowledged first.
    var ackSending: Task<Void, Never>?

    // Incoming.
    var incoming: IncomingRequest?
    var accept: SIPResponse?

    /// The confirmed dialog (or the early one an incoming call answers on).
    var dialog: Dialog?
    var media: (any MediaSession)?
    var timers: [CallTimer: Scheduled<Void>] = [:]
    /// A peer's re-INVITE whose 2xx waits for its ACK: its CSeq number.
    var reinviteAwaitingACK: UInt32?
    /// Headers our INVITE carries besides the usual ones (Referred-By of a transfer).
    var extraInviteHeaders: [(String, String)] = []

    // Transfer.
    /// Our REFER to the peer and its progress.
    var outgoingTransfer: OutgoingTransfer?
    var transferTimer: Scheduled<Void>?
    /// The peer's REFER: what we do about it, and its transaction until answered.
    var incomingTransfer: IncomingTransfer?
    var referRequest: IncomingRequest?
    /// The last NOTIFY about the peer's REFER; the next one waits for it.
    var notifyChain: Task<Void, Never>?
    /// The peer's Referred-By (or From), copied into the INVITE to the target.
    var referredBy: String?
    /// The Replaces the peer's REFER carried (attended transfer), for the INVITE.
    var referReplaces: String?
    /// This call was placed for a transfer asked on that call: its progress goes there.
    var transferOrigin: CallNumber?

    init(id: CallNumber, account: AccountConfig, direction: CallDirection, machine: CallMachine,
         remoteURI: String, remoteName: String?, callID: String, localTag: String, startedAt: Int64) {
        self.id = id
        self.account = account
        self.direction = direction
        self.machine = machine
        self.remoteURI = remoteURI
        self.remoteName = remoteName
        self.callID = callID
        self.localTag = localTag
        self.startedAt = startedAt
    }

    var snapshot: CallSnapshot {
        CallSnapshot(id: id, account: account.name, direction: direction, remoteURI: remoteURI,
                     remoteName: remoteName, state: machine.state, end: machine.end, isCurrent: isCurrent)
    }

    /// The top Via branch of the peer's INVITE: its CANCEL carries the same one.
    var incomingBranch: String? {
        guard let incoming else { return nil }
        return (try? SIPMessage.request(incoming.request).via.first)?.branch
    }

    func cancelTimers() {
        timers.values.forEach { $0.cancel() }
        timers = [:]
        transferTimer?.cancel()
        transferTimer = nil
        sessionTimerTask?.cancel()
        sessionTimerTask = nil
    }
}
