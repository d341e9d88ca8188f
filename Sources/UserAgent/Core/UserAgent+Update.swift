import SDP
import SIPMessage
import SIPStack

/// UPDATE (RFC 3311) in an established call: a new offer without the INVITE's three-way
/// handshake. We send it for hold, resume and session refreshes when the peer allows it,
/// and take the peer's like a re-INVITE.
extension UserAgent {
    /// True when the peer's Allow (from its INVITE or 2xx) lists UPDATE.
    static func allowsUpdate(_ message: SIPMessage) -> Bool {
        message.headers.values("Allow").flatMap { $0.split(separator: ",") }
            .contains { $0.filter { $0 != " " && $0 != "\t" }.uppercased() == "UPDATE" }
    }

    func sendUpdate(_ leg: CallLeg, hold: Bool) async {
        guard let session = leg.media, leg.dialog != nil else { return feed(leg, .reinviteFinished(code: 500)) }
        let offer: SessionDescription
        do { offer = try await session.makeOffer(hold: hold) } catch { return feed(leg, .reinviteFinished(code: 500)) }
        guard var dialog = leg.dialog else { return feed(leg, .reinviteFinished(code: 481)) }
        let update = dialog.makeRequest(.update, body: Array(offer.serialized().utf8), contentType: "application/sdp",
                                        extraHeaders: sessionTimerRequestHeaders(for: leg) + [("User-Agent", config.general.userAgent)])
        leg.dialog = dialog
        log(.debug, "call \(leg.id): new offer by UPDATE (\(hold ? "hold" : "no hold"))")
        let outcome = await exchange(update, account: leg.account) {
            leg.dialog?.localSeq &+= 1
            return leg.dialog?.localSeq ?? 1
        }
        let final = outcome.response?.statusCode ?? 408
        if let response = outcome.response, (200..<300).contains(final) {
            leg.dialog?.refreshTarget(from: .response(response))
            if let answer = try? SessionDescription.parse(response.body) { try? await session.accept(answer) }
        }
        finishOffer(leg, final: final)
    }

    /// The outcome of our re-INVITE or UPDATE: the machine learns it, the session timer
    /// restarts, a refresh that finds no session ends the call (RFC 4028 §10).
    func finishOffer(_ leg: CallLeg, final: Int) {
        if final == 491 { log(.debug, "call \(leg.id): our re-INVITE crossed the peer's (491); retrying after a pause") }
        feed(leg, .reinviteFinished(code: final))
        if (200..<300).contains(final) {
            restartSessionTimer(leg)
        } else if leg.sessionTimer != nil, final == 408 || final == 481 {
            log(.warning, "call \(leg.id): the session refresh was answered \(final); ending the call")
            feed(leg, .hangup)
        }
    }

    /// An UPDATE before the call is answered (RFC 3311 §5.2): the INVITE's offer is not
    /// answered yet (our 1xx carry no SDP), so a new offer must wait — 500 with a random
    /// Retry-After of 0–10 s; one without an offer (a session refresh) is taken.
    func receiveEarlyUpdate(_ incoming: IncomingRequest, leg: CallLeg) {
        let request = incoming.request
        guard !request.body.isEmpty else {
            var ok = request.makeResponse(200, "OK", toTag: nil)
            if let contact = leg.dialog?.localContact { ok.headers.append(name: "Contact", value: contact) }
            return incoming.respond(ok)
        }
        var refusal = request.makeResponse(500, "Server Internal Error", toTag: nil)
        refusal.headers.append(name: "Retry-After", value: String(Int.random(in: 0...10)))
        incoming.respond(refusal)
    }

    /// The peer's UPDATE: an offer answered in the 200 (or a refresh without one).
    func receiveUpdate(_ incoming: IncomingRequest) async {
        guard let leg = dialogLeg(for: incoming) else { return }
        let request = incoming.request
        guard leg.machine.phase == .established else { return receiveEarlyUpdate(incoming, leg: leg) }
        if leg.machine.refusesPeerReinvite {
            log(.debug, "call \(leg.id): the peer's UPDATE crossed our offer: 491 Request Pending")
            return incoming.respond(491, "Request Pending", toTag: nil)
        }
        leg.dialog?.refreshTarget(from: .request(request))
        var ok = request.makeResponse(200, "OK", toTag: nil)
        if let contact = leg.dialog?.localContact { ok.headers.append(name: "Contact", value: contact) }
        for (name, value) in sessionTimerHeaders(for: leg, reinvite: true) { ok.headers.append(name: name, value: value) }
        var remoteHold: Bool?
        if !request.body.isEmpty {
            guard let session = leg.media, let offer = try? SessionDescription.parse(request.body),
                  let answer = try? await session.answer(offer, hold: leg.machine.localHold) else {
                return incoming.respond(488, "Not Acceptable Here", toTag: nil)
            }
            remoteHold = offer.media.contains { !$0.isRejected }
                && !offer.media.contains { !$0.isRejected && DirectionNegotiation.declared($0, in: offer).receives }
            ok.headers.append(name: "Content-Type", value: "application/sdp")
            ok.body = Array(answer.serialized().utf8)
        }
        incoming.respond(ok)
        restartSessionTimer(leg)
        if let remoteHold { feed(leg, .remoteHold(remoteHold)) }
    }
}
