import NIOCore
import SDP
import SIPMessage
import SIPStack

/// Running what a call's machine asks for.
extension UserAgent {
    /// Feeds `input` to the call's machine and performs the actions it returns.
    func feed(_ leg: CallLeg, _ input: CallInput) {
        guard calls[leg.id] === leg else { return }
        perform(leg.machine.handle(input), on: leg)
    }

    func perform(_ actions: [CallAction], on leg: CallLeg) {
        for action in actions {
            switch action {
            case .sendCancel:
                guard let invite = leg.invite else { continue }
                let responses = stack.cancel(invite)
                Task { [self] in
                    do { for try await _ in responses {} } catch { self.log(.debug, "call \(leg.id): CANCEL: \(error)") }
                }
            case .sendACK:
                sendACK(leg)
            case .sendBye:
                sendBye(leg)
            case .rejectInvite(let code, let reason):
                leg.incoming?.respond(code, reason, toTag: leg.localTag)
            case .redirectInvite(let target):
                guard let incoming = leg.incoming else { continue }
                var moved = incoming.request.makeResponse(302, "Moved Temporarily", toTag: leg.localTag)
                moved.headers.append(name: "Contact", value: "<\(target)>")
                incoming.respond(moved)
            case .acceptInvite:
                guard let accept = leg.accept else { continue }
                leg.answeredAt = now()
                leg.incoming?.respond(accept)
            case .retransmitAccept:
                guard let accept = leg.accept, let flow = leg.incoming?.flow else { continue }
                Task { try? await stack.sendResponse(accept, requestFlow: flow) }
            case .followRedirect:
                followRedirect(leg)
            case .sendReinvite(let hold):
                if leg.peerAllowsUpdate {
                    Task { [self] in await self.sendUpdate(leg, hold: hold) }
                } else {
                    Task { [self] in await self.sendReinvite(leg, hold: hold) }
                }
            case .startTimer(let timer, let delay):
                leg.timers[timer]?.cancel()
                leg.timers[timer] = eventLoop.scheduleTask(in: TimeAmount(delay)) {
                    Task { await self.timerFired(timer, leg) }
                }
            case .cancelTimer(let timer):
                leg.timers.removeValue(forKey: timer)?.cancel()
            case .report:
                report(leg)
            }
        }
    }

    func timerFired(_ timer: CallTimer, _ leg: CallLeg) {
        guard leg.timers.removeValue(forKey: timer) != nil else { return }
        feed(leg, .timerFired(timer))
    }

    /// Tells front ends and history; forgets a call that has ended.
    func report(_ leg: CallLeg) {
        if leg.screening, leg.machine.phase == .incoming { return }
        let snapshot = leg.snapshot
        guard snapshot != leg.lastReported else { return }
        leg.lastReported = snapshot
        emit(.call(snapshot))
        if leg.machine.wasAnswered, leg.sessionTimer != nil, leg.sessionTimerTask == nil { restartSessionTimer(leg) }
        if leg.machine.phase == .earlyMedia, !leg.earlyMediaOn, !leg.mediaActive, let session = leg.media {
            leg.earlyMediaOn = true
            Task { await session.setEarlyMedia(true) }
        }
        if leg.machine.wasAnswered, !leg.mediaActive, let session = leg.media {
            leg.mediaActive = true
            Task { await session.setActive(true) }
        }
        if leg.direction == .incoming, leg.machine.phase == .incoming, !leg.announced {
            leg.announced = true
            emit(.incomingCall(snapshot))
        }
        recordHistory(leg)
        transferTargetChanged(leg)
        if leg.machine.isOver { forget(leg) }
    }

    func recordHistory(_ leg: CallLeg) {
        guard config.general.history, let history else { return }
        let recordID = leg.historyID ?? CallRecord.makeID()
        leg.historyID = recordID
        let snapshot = leg.snapshot
        let started = leg.startedAt, answered = leg.answeredAt
        let ended: Int64? = leg.machine.isOver ? now() : nil
        history.record(snapshot, recordID: recordID, startedAt: started, answeredAt: answered, endedAt: ended)
    }

    func forget(_ leg: CallLeg) {
        leg.cancelTimers()
        calls[leg.id] = nil
        if let session = leg.media { Task { await session.close() } }
        if leg.isCurrent, let next = calls.values.sorted(by: { $0.id < $1.id }).first(where: { !$0.machine.isOver }) {
            next.isCurrent = true
        }
        if calls.isEmpty { resumeIdleWaiters() }
    }

    /// At shutdown, a call that did not end in time ends here without waiting for the peer.
    func finishForcibly(_ leg: CallLeg) {
        leg.machine.phase = .terminated(CallEnd(.localHangup, detail: "pipit quit"))
        report(leg)
    }

    func sendACK(_ leg: CallLeg) {
        guard let dialog = leg.dialog, let invite = leg.invite,
              let cseq = try? SIPMessage.request(invite).cseq else { return }
        let ack = dialog.makeACK(cseq: cseq.number)
        leg.ackSending = Task { [self] in
            do {
                let targets = try await stack.nextHops(for: ack)
                try await stack.sendACK(ack, to: targets)
                self.rememberACK(leg, ack, targets)
            } catch {
                self.log(.warning, "call \(leg.id): ACK not sent: \(error)")
            }
        }
    }

    func rememberACK(_ leg: CallLeg, _ ack: SIPRequest, _ targets: [SIPTarget]) { leg.ack = (ack, targets) }

    func sendBye(_ leg: CallLeg) {
        guard var dialog = leg.dialog else { return feed(leg, .byeFinished) }
        var bye = dialog.makeRequest(.bye, extraHeaders: [("User-Agent", config.general.userAgent)])
        leg.dialog = dialog
        digests[leg.account.name]?.authorize(&bye)
        let responses = stack.send(bye)
        Task { [self] in
            do {
                for try await response in responses where response.statusCode >= 200 {
                    self.log(.debug, "call \(leg.id): BYE answered \(response.statusCode)")
                }
            } catch {
                self.log(.warning, "call \(leg.id): BYE: \(error)")
            }
            self.feed(leg, .byeFinished)
        }
    }

    /// Hold or resume by re-INVITE (RFC 3264 §8.4); the answer tells whether it took.
    func sendReinvite(_ leg: CallLeg, hold: Bool) async {
        guard var dialog = leg.dialog, let session = leg.media else { return feed(leg, .reinviteFinished(code: 500)) }
        let offer: SessionDescription
        do { offer = try await session.makeOffer(hold: hold) } catch { return feed(leg, .reinviteFinished(code: 500)) }
        var invite = dialog.makeRequest(.invite, body: Array(offer.serialized().utf8), contentType: "application/sdp",
                                        extraHeaders: [("Allow", Self.allow)] + sessionTimerRequestHeaders(for: leg))
        leg.dialog = dialog
        digests[leg.account.name]?.authorize(&invite)
        var final = 408
        do {
            for try await response in stack.send(invite) where response.statusCode >= 200 {
                final = response.statusCode
                guard (200..<300).contains(final), var current = leg.dialog else { break }
                current.refreshTarget(from: .response(response))
                leg.dialog = current
                let ack = current.makeACK(cseq: current.localSeq)
                if let targets = try? await stack.nextHops(for: ack) { try? await stack.sendACK(ack, to: targets) }
                if let answer = try? SessionDescription.parse(response.body) { try? await session.accept(answer) }
            }
        } catch {
            log(.warning, "call \(leg.id): re-INVITE: \(error)")
        }
        finishOffer(leg, final: final)
    }
}
