import SDP
import SIPMessage
import SIPStack

/// Requests inside a call: CANCEL, BYE, re-INVITE; and what the stack passes outside
/// transactions: ACKs for our 2xx, 2xx retransmissions and 2xx from other forks.
extension UserAgent {
    /// The call a request belongs to: same Call-ID, and its To tag is ours.
    /// Our tag is in To for the peer's requests, in From for responses to ours.
    func leg(for message: SIPMessage, ourTagIn side: TagSide) -> CallLeg? {
        guard let callID = message.headers.first("Call-ID") else { return nil }
        let tag = side == .from ? message.fromValue?.tag : message.toValue?.tag
        return calls.values.first { $0.callID == callID && $0.localTag == tag }
    }

    enum TagSide { case from, to }

    func receiveCancel(_ incoming: IncomingRequest) {
        let message = SIPMessage.request(incoming.request)
        let branch = (try? message.via.first)?.branch
        let callID = incoming.request.headers.first("Call-ID")
        guard let leg = calls.values.first(where: { $0.callID == callID && $0.incomingBranch == branch && branch != nil }) else {
            return incoming.respond(481, "Call/Transaction Does Not Exist", toTag: nil)
        }
        incoming.respond(200, "OK", toTag: leg.localTag)
        feed(leg, .cancelReceived)
    }

    func receiveBye(_ incoming: IncomingRequest) {
        let message = SIPMessage.request(incoming.request)
        guard let leg = leg(for: message, ourTagIn: .to) else {
            return incoming.respond(481, "Call/Transaction Does Not Exist", toTag: nil)
        }
        if var dialog = leg.dialog {
            // §12.2.2: a BYE older than the last request is out of order.
            guard dialog.acceptRemote(incoming.request) else {
                return incoming.respond(500, "Server Internal Error", toTag: nil)
            }
            leg.dialog = dialog
        }
        incoming.respond(200, "OK", toTag: nil)
        feed(leg, .byeReceived)
    }

    /// A re-INVITE: a new offer (hold, resume, a codec change) or none (we offer in the
    /// 2xx and the ACK answers).
    func receiveReinvite(_ incoming: IncomingRequest) async {
        let request = incoming.request
        let message = SIPMessage.request(request)
        guard let leg = leg(for: message, ourTagIn: .to), var dialog = leg.dialog,
              leg.machine.phase == .established else {
            return incoming.respond(481, "Call/Transaction Does Not Exist", toTag: nil)
        }
        guard leg.reinviteAwaitingACK == nil else {
            var busy = request.makeResponse(500, "Server Internal Error", toTag: nil)
            busy.headers.append(name: "Retry-After", value: String(Int.random(in: 0...10)))
            return incoming.respond(busy) // §14.2: an INVITE while ours is not yet acknowledged
        }
        guard dialog.acceptRemote(request) else { return incoming.respond(500, "Server Internal Error", toTag: nil) }
        if leg.machine.refusesPeerReinvite {
            // §14.2: it crossed our own re-INVITE; both sides back off and retry (§14.1).
            leg.dialog = dialog
            log(.debug, "call \(leg.id): the peer's re-INVITE crossed ours: 491 Request Pending")
            return incoming.respond(491, "Request Pending", toTag: nil)
        }
        dialog.refreshTarget(from: message)
        leg.dialog = dialog
        guard let session = leg.media else { return incoming.respond(488, "Not Acceptable Here", toTag: nil) }
        let sdp: SessionDescription
        var remoteHold: Bool?
        do {
            if request.body.isEmpty {
                sdp = try await session.makeOffer(hold: leg.machine.localHold)
            } else {
                let offer = try SessionDescription.parse(request.body)
                sdp = try await session.answer(offer, hold: leg.machine.localHold)
                // The peer holds us when it will not receive (sendonly, inactive, c=0.0.0.0).
                remoteHold = offer.media.contains { !$0.isRejected }
                    && !offer.media.contains { !$0.isRejected && DirectionNegotiation.declared($0, in: offer).receives }
            }
        } catch {
            return incoming.respond(488, "Not Acceptable Here", toTag: nil)
        }
        let ok = makeAccept(request, leg: leg, contact: dialog.localContact, sdp: sdp)
        incoming.respond(ok)
        let cseq = (try? message.cseq)?.number ?? 0
        leg.reinviteAwaitingACK = cseq
        restartSessionTimer(leg) // any re-INVITE answered 2xx is a refresh (RFC 4028 §10)
        retransmitReinviteAccept(ok, leg: leg, cseq: cseq, flow: incoming.flow, interval: timing.t1, elapsed: .zero)
        if let remoteHold { feed(leg, .remoteHold(remoteHold)) }
    }

    /// §13.3.1.4 for a re-INVITE's 2xx: T1, 2·T1 … up to T2, until the ACK or 64·T1.
    func retransmitReinviteAccept(_ ok: SIPResponse, leg: CallLeg, cseq: UInt32, flow: FlowID,
                                  interval: Duration, elapsed: Duration) {
        eventLoop.scheduleTask(in: .init(interval)) {
            Task { await self.reinviteRetransmitDue(ok, leg: leg, cseq: cseq, flow: flow, interval: interval, elapsed: elapsed) }
        }
    }

    func reinviteRetransmitDue(_ ok: SIPResponse, leg: CallLeg, cseq: UInt32, flow: FlowID,
                               interval: Duration, elapsed: Duration) async {
        guard leg.reinviteAwaitingACK == cseq, calls[leg.id] === leg else { return }
        let total = elapsed + interval
        guard total < timing.t1 * 64 else {
            leg.reinviteAwaitingACK = nil
            log(.warning, "call \(leg.id): no ACK for our answer to a re-INVITE; ending the call")
            return feed(leg, .hangup)
        }
        try? await stack.sendResponse(ok, requestFlow: flow)
        retransmitReinviteAccept(ok, leg: leg, cseq: cseq, flow: flow, interval: min(interval * 2, timing.t2), elapsed: total)
    }

    func receiveOutsideTransaction(_ message: SIPMessage) async {
        switch message {
        case .request(let ack) where ack.method == .ack:
            guard let leg = leg(for: message, ourTagIn: .to) else { return }
            let cseq = (try? message.cseq)?.number
            if let awaiting = leg.reinviteAwaitingACK, awaiting == cseq {
                leg.reinviteAwaitingACK = nil
                if !ack.body.isEmpty, let answer = try? SessionDescription.parse(ack.body) { try? await leg.media?.accept(answer) }
                return
            }
            if leg.machine.phase == .answering, !ack.body.isEmpty,
               let answer = try? SessionDescription.parse(ack.body) {
                try? await leg.media?.accept(answer) // we offered in the 2xx
            }
            if var dialog = leg.dialog {
                dialog.confirm(with: message)
                leg.dialog = dialog
            }
            feed(leg, .ackReceived)
        case .response(let response) where (200..<300).contains(response.statusCode):
            guard (try? message.cseq)?.method == "INVITE",
                  let leg = leg(for: message, ourTagIn: .from), let invite = leg.invite else { return }
            let tag = message.toValue?.tag
            if let dialog = leg.dialog, dialog.remoteTag == tag {
                // A retransmitted 2xx: our ACK was lost (§13.2.2.4).
                if let ack = leg.ack { try? await stack.sendACK(ack.request, to: ack.targets) }
                return
            }
            // Another fork answered too. Until the winning 2xx has made the call, keep it:
            // the ACK for the winner goes out first.
            guard leg.dialog != nil else { return leg.lateForkAnswers.append(response) }
            await endFork(response, of: leg, invite: invite)
        default:
            break
        }
    }
}

extension UserAgent {
    /// A fork that answered after another won: acknowledge it, then end it (§13.2.2.4).
    func endFork(_ response: SIPResponse, of leg: CallLeg, invite: SIPRequest) async {
        guard var fork = try? Dialog.asCaller(invite: invite, response: response),
              let cseq = try? SIPMessage.request(invite).cseq else { return }
        log(.info, "call \(leg.id): another device answered too; hanging it up")
        await leg.ackSending?.value
        fork.confirm(with: .response(response))
        let ack = fork.makeACK(cseq: cseq.number)
        if let targets = try? await stack.nextHops(for: ack) { try? await stack.sendACK(ack, to: targets) }
        let bye = fork.makeRequest(.bye)
        do { for try await _ in stack.send(bye) {} } catch { log(.debug, "BYE to a second fork: \(error)") }
    }
}

extension SIPMessage {
    /// From and To read without throwing: a malformed header reads as absent.
    var fromValue: NameAddress? { (try? from) ?? nil }
    var toValue: NameAddress? { (try? to) ?? nil }
}
