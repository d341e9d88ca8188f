import SIPMessage
import SIPStack

/// PRACK (RFC 3262): for reliable provisional responses to our INVITE (UAC side), and
/// for ours to an INVITE that required them (UAS side).
extension UserAgent {
    /// Acknowledges `response` when it is a reliable 1xx to be PRACKed; returns at once
    /// otherwise. The PRACK goes in the early dialog the 1xx made; its CSeq is remembered
    /// so the confirmed dialog's requests count on from it.
    func prackIfReliable(_ response: SIPResponse, to invite: SIPRequest, leg: CallLeg) {
        guard let rseq = ReliableProvisionals.requiresPRACK(require: response.headers.values("Require").map(String.init),
                                                            rseq: response.headers.first("RSeq")),
              let toTag = SIPMessage.response(response).toValue?.tag,
              let cseq = try? SIPMessage.request(invite).cseq else { return }
        guard leg.reliableProvisionals.shouldAcknowledge(toTag: toTag, rseq: rseq) else { return }
        guard var early = leg.earlyDialogs[toTag] ?? (try? Dialog.asCaller(invite: invite, response: response)) else { return }
        early.refreshTarget(from: .response(response))
        let prack = early.makeRequest(.prack, extraHeaders: [("RAck", "\(rseq) \(cseq.number) INVITE"),
                                                             ("User-Agent", config.general.userAgent)])
        leg.earlyDialogs[toTag] = early
        leg.prackSeq = max(leg.prackSeq ?? 0, early.localSeq)
        Task { [self] in
            let outcome = await self.exchange(prack, account: leg.account) {
                leg.earlyDialogs[toTag]?.localSeq &+= 1
                let seq = leg.earlyDialogs[toTag]?.localSeq ?? 1
                leg.prackSeq = max(leg.prackSeq ?? 0, seq)
                return seq
            }
            let code = outcome.response?.statusCode ?? 408
            if !(200..<300).contains(code) { self.log(.warning, "call \(leg.id): PRACK answered \(code)") }
        }
    }
}

extension UserAgent {
    /// Sends our reliable 1xx again, at T1 doubling, until PRACKed, answered, or 64·T1 have
    /// passed; then the INVITE is refused with 500 (RFC 3262 §3).
    func retransmitReliable(_ response: SIPResponse, leg: CallLeg, incoming: IncomingRequest) {
        Task { [self] in
            while true {
                guard var responder = leg.reliableResponder, leg.machine.phase == .incoming, !leg.machine.isOver,
                      let wait = responder.nextWait() else { return }
                leg.reliableResponder = responder
                try? await Task.sleep(for: wait)
                guard let current = leg.reliableResponder, !current.acknowledged, leg.machine.phase == .incoming,
                      !leg.machine.isOver else { return }
                if current.gaveUp {
                    self.log(.warning, "call \(leg.id): the caller never acknowledged our reliable 180 (PRACK); refused")
                    return self.feed(leg, .reject(code: 500))
                }
                incoming.respond(response)
            }
        }
    }

    /// A PRACK for our reliable 1xx: 200 when its RAck names it, else 481 (§3).
    func receivePRACK(_ incoming: IncomingRequest) {
        guard let leg = dialogLeg(for: incoming) else { return }
        guard var responder = leg.reliableResponder, let rack = incoming.request.headers.first("RAck"),
              responder.receive(rack: rack) else {
            return incoming.respond(481, "Call/Transaction Does Not Exist", toTag: nil)
        }
        leg.reliableResponder = responder
        incoming.respond(200, "OK", toTag: nil)
    }
}
