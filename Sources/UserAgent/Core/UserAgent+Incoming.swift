import NIOCore
import SDP
import SIPMessage
import SIPStack

/// Requests that start a server transaction: new calls, in-dialog requests, the rest.
extension UserAgent {
    func receive(_ incoming: IncomingRequest) async {
        let request = incoming.request
        let message = SIPMessage.request(request)
        guard !isShuttingDown || request.method != .invite else {
            return incoming.respond(503, "Service Unavailable", toTag: Identifiers.tag())
        }
        let toTag = (try? message.to)?.tag
        switch request.method {
        case .cancel:
            return receiveCancel(incoming)
        case .bye:
            return receiveBye(incoming)
        case .invite where toTag != nil:
            return await receiveReinvite(incoming)
        case .refer where toTag != nil:
            return receiveRefer(incoming)
        case .notify where toTag != nil:
            if receiveVoicemailNotify(incoming) { return }
            return receiveNotify(incoming)
        case .message where toTag != nil:
            return receiveMessage(incoming, inDialog: true)
        case .update where toTag != nil:
            return await receiveUpdate(incoming)
        case .info where toTag != nil:
            return receiveInfo(incoming)
        case .prack where toTag != nil:
            return receivePRACK(incoming)
        case .options where toTag != nil:
            guard dialogLeg(for: incoming) != nil else { return }
            return respondToOptions(incoming, inDialog: true)
        default:
            break
        }
        guard toTag == nil else {
            return incoming.respond(481, "Call/Transaction Does Not Exist", toTag: nil)
        }
        // Out of dialog: the stray-traffic policy decides who gets in.
        guard policy.admits(requestURI: try? request.uri, sourceAddress: incoming.source.address) else {
            if strayLog.firstTime(incoming.source.address) {
                log(.warning, "refused \(request.method) from \(incoming.source) (not a registrar or proxy of ours; further requests from it are refused silently)")
            }
            return incoming.respond(403, "Forbidden", toTag: Identifiers.tag())
        }
        switch request.method {
        case .invite: await receiveInvite(incoming)
        case .options: respondToOptions(incoming)
        case .message: receiveMessage(incoming, inDialog: false)
        case .notify: receiveUnsolicitedNotify(incoming)
        default:
            var response = request.makeResponse(405, "Method Not Allowed", toTag: Identifiers.tag())
            response.headers.append(name: "Allow", value: Self.allow)
            incoming.respond(response)
        }
    }

    /// The account an incoming request is for: the one whose user the Request-URI names,
    /// else the only account there is.
    func account(for request: SIPRequest) -> AccountConfig? {
        let user: String? = if case .sip(let uri)? = try? request.uri { uri.user } else { nil }
        if let user, let match = config.accounts.first(where: { $0.uri.user == user }) { return match }
        return config.accounts.count == 1 ? config.accounts.first : nil
    }

    func receiveInvite(_ incoming: IncomingRequest) async {
        let request = incoming.request
        let message = SIPMessage.request(request)
        guard let account = account(for: request) else {
            return incoming.respond(404, "Not Found", toTag: Identifiers.tag())
        }
        guard let from = try? message.from, from.tag != nil, let callID = request.headers.first("Call-ID") else {
            return incoming.respond(400, "Bad Request", toTag: Identifiers.tag())
        }
        // RFC 3261 §8.2.2.3: an extension the caller requires and we do not do is refused.
        let requiredTags = request.headers.values("Require")
            .flatMap { value in value.split(separator: ",").map { String($0).trimmingCharacters(in: " \t").lowercased() } }
        let required = requiredTags.filter { !$0.isEmpty && $0 != "replaces" && $0 != "100rel" }
        if !required.isEmpty {
            var refusal = request.makeResponse(420, "Bad Extension", toTag: Identifiers.tag())
            refusal.headers.append(name: "Unsupported", value: required.joined(separator: ", "))
            return incoming.respond(refusal)
        }
        if calls.values.contains(where: { $0.callID == callID && $0.direction == .incoming }) {
            return incoming.respond(482, "Loop Detected", toTag: Identifiers.tag()) // a second branch of a forked INVITE
        }
        guard let admission = admit(incoming, account: account, from: from) else { return }
        let offer: SessionDescription?
        if request.body.isEmpty {
            offer = nil
        } else {
            guard (try? message.contentType).flatMap({ $0 })?.isSDP ?? false else {
                var refusal = request.makeResponse(415, "Unsupported Media Type", toTag: Identifiers.tag())
                refusal.headers.append(name: "Accept", value: "application/sdp")
                return incoming.respond(refusal)
            }
            do {
                offer = try SessionDescription.parse(request.body)
            } catch {
                var refusal = request.makeResponse(488, "Not Acceptable Here", toTag: Identifiers.tag())
                let why = "\(error)".filter { $0 != "\"" && $0 != "\\" && !$0.isNewline }
                refusal.headers.append(name: "Warning", value: "399 pipit \"unreadable SDP: \(why)\"")
                return incoming.respond(refusal)
            }
        }
        let leg = CallLeg(id: nextCallID, account: account, direction: .incoming,
                          machine: CallMachine(direction: .incoming, timing: timing),
                          remoteURI: from.uri.description, remoteName: from.displayName,
                          callID: callID, localTag: Identifiers.tag(), startedAt: now())
        leg.incoming = incoming
        leg.peerAllowsUpdate = Self.allowsUpdate(message)
        if let agreed = admission.calleeTimer {
            leg.calleeTimer = agreed
            leg.sessionTimer = SessionTimer(seconds: agreed.seconds, weRefresh: agreed.refresher == .uas)
        }
        if let forward = admission.forwardOnNoAnswer {
            leg.machine.forwardOnNoAnswer = forward.target
            leg.machine.forwardNoAnswerAfter = forward.after
        }
        if leg.remoteName == nil, let contactBook {
            leg.remoteName = await contactBook.name(for: from.uri.description)
        }
        do {
            guard let sentBy = try await stack.transport.sentBy(for: incoming.source) else {
                throw MediaError.noPort("no local address toward \(incoming.source)")
            }
            let host = sentBy.host.description
            let contact = contact(for: account, host: host, port: sentBy.port, transport: incoming.source.transport)
            leg.dialog = try Dialog.asCallee(invite: request, localTag: leg.localTag, localContact: contact, early: true)
            let session = try await media.makeSession(account: account, localAddress: Self.bare(host))
            leg.media = session
            let sdp: SessionDescription
            if let offer { sdp = try await session.answer(offer, hold: false) } else { sdp = try await session.makeOffer(hold: false) }
            leg.accept = makeAccept(request, leg: leg, contact: contact, sdp: sdp)
            var ringing = request.makeResponse(180, "Ringing", toTag: leg.localTag)
            ringing.headers.append(name: "Contact", value: contact)
            if requiredTags.contains("100rel"), let cseq = try? message.cseq {
                // RFC 3262 §3: the caller requires a reliable 1xx; ours is PRACKed.
                let responder = ReliableResponder(rseq: UInt32.random(in: 1...(1 << 20)), inviteCSeq: cseq.number, t1: timing.t1)
                ringing.headers.append(name: "Require", value: "100rel")
                ringing.headers.append(name: "RSeq", value: String(responder.rseq))
                leg.reliableResponder = responder
                retransmitReliable(ringing, leg: leg, incoming: incoming)
            }
            incoming.respond(ringing)
        } catch let error as MediaError {
            await leg.media?.close()
            log(.info, "refused a call from \(from.uri): \(error)")
            return incoming.respond(488, "Not Acceptable Here", toTag: leg.localTag)
        } catch {
            await leg.media?.close()
            return incoming.respond(500, "Server Internal Error", toTag: leg.localTag)
        }
        nextCallID += 1
        calls[leg.id] = leg
        if !calls.values.contains(where: { $0 !== leg && $0.isCurrent }) { leg.isCurrent = true }
        if admission.replaced == nil { screen(leg) }
        perform(leg.machine.startActions(), on: leg)
        if let replaced = admission.replaced {
            log(.info, "call \(leg.id) replaces call \(replaced.id) (attended transfer)")
            hangup(replaced)
            answer(leg)
            return
        }
        if let autoAnswerAfter = admission.autoAnswerAfter {
            let id = leg.id
            eventLoop.scheduleTask(in: TimeAmount(autoAnswerAfter)) {
                Task { await self.autoAnswer(id) }
            }
        }
    }

    func autoAnswer(_ id: CallNumber) {
        guard let leg = calls[id], leg.machine.phase == .incoming else { return }
        log(.info, "call \(id): auto-answered")
        answer(leg)
    }

    /// Our 200 OK: Record-Route copied (§12.1.1), our Contact, what we allow, the SDP.
    func makeAccept(_ request: SIPRequest, leg: CallLeg, contact: String, sdp: SessionDescription) -> SIPResponse {
        var ok = request.makeResponse(200, "OK", toTag: leg.localTag)
        for field in request.headers.fields(named: "Record-Route") {
            ok.headers.append(name: "Record-Route", value: field.value)
        }
        ok.headers.append(name: "Contact", value: contact)
        ok.headers.append(name: "Allow", value: Self.allow)
        ok.headers.append(name: "User-Agent", value: config.general.userAgent)
        for (name, value) in sessionTimerHeaders(for: leg, reinvite: leg.machine.phase != .incoming) {
            ok.headers.append(name: name, value: value)
        }
        ok.headers.append(name: "Content-Type", value: "application/sdp")
        ok.body = Array(sdp.serialized().utf8)
        return ok
    }

    /// RFC 3261 §11.2: what we take — methods, bodies, encodings, languages, extensions
    /// (Replaces, RFC 3891). In a dialog (a keep-alive ping) the To tag is
    /// already there.
    func respondToOptions(_ incoming: IncomingRequest, inDialog: Bool = false) {
        var ok = incoming.request.makeResponse(200, "OK", toTag: inDialog ? nil : Identifiers.tag())
        ok.headers.append(name: "Allow", value: Self.allow)
        ok.headers.append(name: "Accept", value: Self.accept)
        ok.headers.append(name: "Accept-Encoding", value: "identity")
        ok.headers.append(name: "Accept-Language", value: "en")
        ok.headers.append(name: "Supported", value: "replaces")
        ok.headers.append(name: "User-Agent", value: config.general.userAgent)
        incoming.respond(ok)
    }

    /// The bodies we read: SDP, text messages, REFER progress.
    static let accept = "application/sdp, text/plain, message/sipfrag, application/dtmf-relay, application/dtmf"
}

extension MediaType {
    var isSDP: Bool { type.lowercased() == "application" && subtype.lowercased() == "sdp" }
}
