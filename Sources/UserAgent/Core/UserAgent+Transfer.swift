import NIOCore
import SIPMessage
import SIPStack

/// Blind transfer (RFC 3515 REFER, RFC 3892 Referred-By), both ways.
extension UserAgent {
    // MARK: We transfer the peer

    func transfer(_ leg: CallLeg, to typed: String) async {
        let target: SIPURI
        do { target = try AccountSelection.requestURI(for: typed, account: leg.account) } catch { return emit(.error("\(error)")) }
        await transfer(leg, toURI: target, shown: target.description)
    }

    func transfer(_ leg: CallLeg, toURI target: SIPURI, shown: String) async {
        if let current = leg.outgoingTransfer, !current.isOver {
            return emit(.error("call \(leg.id): a transfer is already under way"))
        }
        let transfer = OutgoingTransfer(target: shown, patience: timing.transferPatience)
        leg.outgoingTransfer = transfer
        emit(.transfer(call: leg.id, TransferUpdate(.requested, target: shown)))
        let referredBy = NameAddress(displayName: leg.account.displayName, uri: .sip(leg.account.uri)).description
        let answer = await sendInDialog(leg, .refer, headers: [("Refer-To", "<\(target)>"), ("Referred-By", referredBy)])
        feedTransfer(leg, .referAnswered(code: answer.code, reason: answer.reason))
    }

    /// Attended transfer: the peer of `leg` is asked to call the peer of `consultation`,
    /// replacing our call with it (REFER with Replaces).
    func attendedTransfer(_ leg: CallLeg, to consultation: CallLeg) async {
        guard leg !== consultation else { return emit(.error("transfer: a call cannot be transferred to itself")) }
        guard let dialog = consultation.dialog, consultation.machine.wasAnswered,
              case .sip(let target)? = try? URI.parse(consultation.remoteURI[...]) else {
            return emit(.error("transfer: call \(consultation.id) is not answered"))
        }
        let referTo = AttendedTransfer.referTo(target: target, callID: consultation.callID, ourTag: consultation.localTag,
                                               theirTag: dialog.remoteTag)
        leg.attendedConsultation = consultation.id
        await transfer(leg, toURI: referTo, shown: target.description)
    }

    /// After an attended transfer succeeded, the target should end our consultation call
    /// (its call replaced it, RFC 3891). One that does not do Replaces (baresip 1.0) keeps
    /// it: after a grace period we end it ourselves, so the user is not left on it.
    func endConsultationIfKept(_ id: CallNumber) {
        eventLoop.scheduleTask(in: .seconds(2)) {
            Task {
                await self.endKeptConsultation(id)
            }
        }
    }

    private func endKeptConsultation(_ id: CallNumber) {
        guard let consultation = calls[id], !consultation.machine.isOver else { return }
        log(.info, "call \(id): the transfer target kept this call after the transfer; hanging it up")
        hangup(consultation)
    }

    func feedTransfer(_ leg: CallLeg, _ input: OutgoingTransfer.Input) {
        guard calls[leg.id] === leg, var transfer = leg.outgoingTransfer else { return }
        let actions = transfer.handle(input)
        leg.outgoingTransfer = transfer
        for action in actions {
            switch action {
            case .report(let update):
                emit(.transfer(call: leg.id, update))
            case .hangUpOriginal:
                hangup(leg)
                if let consultation = leg.attendedConsultation { endConsultationIfKept(consultation) }
            case .startTimer(let after):
                leg.transferTimer?.cancel()
                leg.transferTimer = eventLoop.scheduleTask(in: TimeAmount(after)) {
                    Task { await self.feedTransfer(leg, .timerFired) }
                }
            case .cancelTimer:
                leg.transferTimer?.cancel()
                leg.transferTimer = nil
            }
        }
    }

    /// A NOTIFY in a call's dialog: the progress of a REFER of ours (RFC 3515 §2.4.5).
    func receiveNotify(_ incoming: IncomingRequest) {
        guard let leg = dialogLeg(for: incoming) else { return }
        let request = incoming.request
        let event = request.headers.first("Event").flatMap { try? EventValue.parse($0[...]) }
        guard event?.package.lowercased() == "refer" else {
            return incoming.respond(489, "Bad Event", toTag: nil)
        }
        guard leg.outgoingTransfer != nil else {
            return incoming.respond(481, "Subscription Does Not Exist", toTag: nil)
        }
        incoming.respond(200, "OK", toTag: nil)
        let state = request.headers.first("Subscription-State")?.lowercased() ?? ""
        let status = SipFrag.status(of: request.body)
        feedTransfer(leg, .notified(status: status?.code, reason: status?.reason ?? "",
                                    terminated: state.hasPrefix("terminated")))
    }

    // MARK: The peer transfers us

    /// A REFER in a call's dialog: the account's `accept_transfer` decides.
    func receiveRefer(_ incoming: IncomingRequest) {
        guard let leg = dialogLeg(for: incoming) else { return }
        let request = incoming.request
        guard let value = request.headers.first("Refer-To"), var address = try? NameAddress.parse(value[...]),
              case .sip(var target) = address.uri else {
            return incoming.respond(400, "Bad Request", toTag: nil) // no Refer-To, or not a SIP URI
        }
        if let pending = leg.incomingTransfer, pending.phase != .done {
            return incoming.respond(491, "Request Pending", toTag: nil)
        }
        // Headers in the URI are for the INVITE; only Replaces (an attended transfer) is taken.
        leg.referReplaces = AttendedTransfer.replaces(in: target)
        target.headers = []
        address.uri = .sip(target)
        leg.referredBy = request.headers.first("Referred-By")
            ?? ((try? SIPMessage.request(request).from).flatMap { $0 }.map { NameAddress(displayName: $0.displayName, uri: $0.uri).description })
        leg.incomingTransfer = IncomingTransfer(target: target.description)
        leg.referRequest = incoming
        feedIncomingTransfer(leg, .received(leg.account.acceptTransfer))
    }

    func feedIncomingTransfer(_ leg: CallLeg, _ input: IncomingTransfer.Input) {
        guard var transfer = leg.incomingTransfer else { return }
        let actions = transfer.handle(input)
        leg.incomingTransfer = transfer
        for action in actions {
            switch action {
            case .respond(let code, let reason):
                leg.referRequest?.respond(code, reason, toTag: nil)
                leg.referRequest = nil
            case .notify(let code, let reason, let terminated):
                guard calls[leg.id] === leg else { continue }
                let state = terminated ? "terminated;reason=noresource" : "active;expires=60"
                // One NOTIFY at a time, so they leave (and their CSeqs count) in order.
                let previous = leg.notifyChain
                leg.notifyChain = Task { [self] in
                    await previous?.value
                    let answer = await self.sendInDialog(leg, .notify, body: SipFrag.body(code: code, reason: reason),
                                                         contentType: SipFrag.contentType,
                                                         headers: [("Event", "refer"), ("Subscription-State", state)])
                    if answer.code >= 300 { self.log(.debug, "call \(leg.id): NOTIFY answered \(answer.code) \(answer.reason)") }
                }
            case .placeCall:
                Task { [self] in await self.callTransferTarget(for: leg, target: transfer.target) }
            case .report(let update):
                emit(.transfer(call: leg.id, update))
            }
        }
    }

    func callTransferTarget(for origin: CallLeg, target: String) async {
        var headers = origin.referredBy.map { [("Referred-By", $0)] } ?? []
        if let replaces = origin.referReplaces { headers.append(("Replaces", replaces)) }
        guard let placed = await placeCall(to: target, account: origin.account.name, extraHeaders: headers) else {
            return feedIncomingTransfer(origin, .callChanged(.terminated, end: CallEnd(.failed, code: 500, detail: "could not call the target")))
        }
        placed.transferOrigin = origin.id
        feedIncomingTransfer(origin, .callPlaced(placed.id))
        // The call may have moved on while it was being placed.
        feedIncomingTransfer(origin, .callChanged(placed.machine.state, end: placed.machine.end))
    }

    /// The user's answer to an `offered` transfer.
    func answerTransfer(_ id: CallNumber?, accept: Bool) {
        guard let leg = pick(id, where: { $0.incomingTransfer?.phase == .offered }, what: "transfer request") else { return }
        feedIncomingTransfer(leg, accept ? .accept : .decline)
    }

    /// Called at every report of a call: a call placed for a transfer tells the transferor.
    func transferTargetChanged(_ leg: CallLeg) {
        guard let originID = leg.transferOrigin, let origin = calls[originID] else { return }
        feedIncomingTransfer(origin, .callChanged(leg.machine.state, end: leg.machine.end))
    }
}
