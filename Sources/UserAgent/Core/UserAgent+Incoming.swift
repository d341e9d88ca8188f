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
        case .info where toTag != nil:
            return receiveInfo(incoming)
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
        let required = request.headers.values("Require")
            .flatMap { value in value.split(separator: ",").map { String($0).trimmingCharacters(in: " \t").lowercased() } }
            .filter { !$0.isEmpty && $0 != "replaces" }
        if !required.isEmpty {
            var refusal = request.makeResponse(420, "Bad Extension", toTag: Identifiers.tag())
            refusal.headers.append(name: "Unsupported", value: required.joined(separator: ", "))
            return incoming.respond(refusal)
        }
        if calls.values.contains(where: { $0.callID == callID && $0.direction == .incoming }) {
            return incoming.respond(482, "Loop Detected", toTag: Identifiers.tag()) // a second branch of a forked INVITE
        }
        // RFC 3891: an INVITE with Replaces takes over one of our calls (an attended
        // transfer ending here); it is answered at once and the old call ended.
        var replaced: CallLeg?
        if let value = request.headers.first("Replaces") {
            guard let replaces = try? Replaces.parse(value[...]) else {
                return incoming.respond(400, "Bad Request", toTag: Identifiers.tag())
            }
            let live = calls.values.filter { !$0.machine.isOver }.sorted { $0.id < $1.id }
            let dialogs = live.map { ($0.callID, $0.localTag, $0.dialog?.remoteTag ?? "") }
            guard let index = AttendedTransfer.match(replaces, in: dialogs) else {
                return incoming.respond(481, "Call/Transaction Does Not Exist", toTag: Identifiers.tag())
            }
            if replaces.earlyOnly, live[index].machine.wasAnswered {
                return incoming.respond(486, "Busy Here", toTag: Identifiers.tag())
            }
            replaced = live[index]
        }
        let decision = replaced != nil ? .ring(autoAnswerAfter: nil, forwardAfter: nil, forwardTo: nil) : incomingPolicy(for: account).decide(
            busy: calls.values.contains { !$0.machine.isOver },
            answerRequest: AnswerRequest.delay(callInfo: request.headers.values("Call-Info").map(String.init),
                                               alertInfo: request.headers.values("Alert-Info").map(String.init)))
        var autoAnswerAfter: Duration?
        var forwardOnNoAnswer: (target: String, after: Duration)?
        switch decision {
        case .reject(let code):
            emit(.info("refused a call from \(from.uri) (\(doNotDisturb ? "do not disturb" : "busy"), \(code))"))
            return incoming.respond(code, CallMachine.phrase(code), toTag: Identifiers.tag())
        case .forward(let typed):
            guard let target = try? AccountSelection.requestURI(for: typed, account: account) else {
                log(.warning, "cannot forward to \(typed): not a usable target")
                return incoming.respond(480, "Temporarily Unavailable", toTag: Identifiers.tag())
            }
            emit(.info("forwarded a call from \(from.uri) to \(target)"))
            var moved = request.makeResponse(302, "Moved Temporarily", toTag: Identifiers.tag())
            moved.headers.append(name: "Contact", value: "<\(target)>")
            return incoming.respond(moved)
        case .ring(let answerAfter, let forwardAfter, let forwardTo):
            autoAnswerAfter = answerAfter
            if let forwardAfter, let forwardTo, let target = try? AccountSelection.requestURI(for: forwardTo, account: account) {
                forwardOnNoAnswer = (target.description, forwardAfter)
            }
        }
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
        let supported = request.headers.values("Supported").flatMap { $0.split(separator: ",") }
            .map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
        switch SessionTimer.asCallee(sessionExpires: request.headers.first("Session-Expires"),
                                     uacSupportsTimer: supported.contains("timer"), minimum: timing.minimumSessionExpires) {
        case .tooSmall(let minimum)?:
            var refusal = request.makeResponse(422, "Session Interval Too Small", toTag: Identifiers.tag())
            refusal.headers.append(name: "Min-SE", value: String(minimum))
            return incoming.respond(refusal)
        case .run(let seconds, let refresher, let require)?:
            leg.calleeTimer = (seconds, refresher, require)
            leg.sessionTimer = SessionTimer(seconds: seconds, weRefresh: refresher == .uas)
        case nil:
            break
        }
        if let forwardOnNoAnswer {
            leg.machine.forwardOnNoAnswer = forwardOnNoAnswer.target
            leg.machine.forwardNoAnswerAfter = forwardOnNoAnswer.after
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
        perform(leg.machine.startActions(), on: leg)
        if let replaced {
            log(.info, "call \(leg.id) replaces call \(replaced.id) (attended transfer)")
            hangup(replaced)
            answer(leg)
            return
        }
        if let autoAnswerAfter {
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
