import SIPMessage
import SIPStack

/// PRACK for reliable provisional responses to our INVITE (RFC 3262, UAC side).
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
