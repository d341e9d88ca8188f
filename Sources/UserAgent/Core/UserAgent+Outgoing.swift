import SDP
import SIPMessage
import SIPStack

extension UserAgent {
    /// Dials `typed`; returns the new call (nil when it could not be placed).
    @discardableResult
    func placeCall(to typed: String, account name: String?, extraHeaders: [(String, String)] = []) async -> CallLeg? {
        var typed = typed
        if await isEchoTest(typed) {
            do {
                typed = try await echoServiceURI()
            } catch {
                emit(.error("echo test: \(error)"))
                return nil
            }
        }
        // A contact's name dials its first address.
        var target = typed
        if !typed.contains(":"), !typed.contains("@"), let book = contactBook,
           let address = await book.address(named: typed) {
            target = address
        }
        let account: AccountConfig
        let uri: SIPURI
        do {
            account = try AccountSelection.account(for: target, named: name, in: config.accounts,
                                                   defaultAccount: config.general.defaultAccount)
            uri = try AccountSelection.requestURI(for: target, account: account)
        } catch {
            emit(.error("\(error)"))
            return nil
        }
        let leg = CallLeg(id: nextCallID, account: account, direction: .outgoing,
                          machine: CallMachine(direction: .outgoing, timing: timing),
                          remoteURI: uri.description, remoteName: target == typed ? nil : typed,
                          callID: Identifiers.callID(), localTag: Identifiers.tag(), startedAt: now())
        leg.sessionExpiresAsked = timing.sessionExpires
        nextCallID += 1
        for other in calls.values where other.isCurrent && !other.machine.isOver {
            other.isCurrent = false
            feed(other, .hold)
        }
        leg.isCurrent = true
        leg.extraInviteHeaders = extraHeaders
        calls[leg.id] = leg
        perform(leg.machine.startActions(), on: leg)
        await startInvite(leg, to: URI.sip(uri), cseq: 1)
        return leg
    }

    /// Builds and sends the INVITE to `uri`: resolves the next hop first so the Contact
    /// and the media address are those of the interface the call leaves from.
    func startInvite(_ leg: CallLeg, to uri: URI, cseq: UInt32) async {
        leg.triedTargets.append(uri.description)
        var invite = makeInvite(leg, to: uri, cseq: cseq)
        do {
            let targets = try await stack.nextHops(for: invite)
            guard let first = targets.first, let sentBy = try await stack.transport.sentBy(for: first) else {
                throw StackError.noTargets("no local listener for \(targets.first?.description ?? uri.description)")
            }
            let host = sentBy.host.description
            let ownContact = contact(for: leg.account, host: host, port: sentBy.port, transport: first.transport)
            let registered = await registeredContact(for: leg.account, transport: first.transport)
            invite.headers.set("Contact", registered ?? ownContact)
            if leg.media == nil {
                leg.media = try await media.makeSession(account: leg.account, localAddress: Self.bare(host))
            }
            guard !leg.machine.isOver, let session = leg.media else { return }
            let offer = try await session.makeOffer(hold: false)
            invite.body = Array(offer.serialized().utf8)
            invite.headers.set("Content-Type", "application/sdp")
            digests[leg.account.name, default: makeDigest(leg.account)].authorize(&invite)
            guard !leg.machine.isOver else { return }
            send(invite, leg: leg, targets: targets)
        } catch {
            feed(leg, .noResponse("\(error)"))
        }
    }

    func send(_ invite: SIPRequest, leg: CallLeg, targets: [SIPTarget]?) {
        leg.invite = invite
        let responses = stack.send(invite, to: targets)
        Task { [self] in
            do {
                for try await response in responses { await self.inviteResponse(response, to: invite, leg: leg) }
            } catch {
                self.inviteFailed(leg, invite: invite, error: error)
            }
        }
    }

    func inviteFailed(_ leg: CallLeg, invite: SIPRequest, error: any Error) {
        guard leg.invite == invite else { return }
        feed(leg, .noResponse("\(error)"))
    }

    func inviteResponse(_ response: SIPResponse, to invite: SIPRequest, leg: CallLeg) async {
        guard leg.invite == invite else { return } // an answer to a request we replaced
        let code = response.statusCode
        let message = SIPMessage.response(response)
        switch code {
        case 100..<200:
            if code == 183, !response.body.isEmpty, let sdp = try? SessionDescription.parse(response.body) {
                try? await leg.media?.accept(sdp)
            }
            if code > 100 { prackIfReliable(response, to: invite, leg: leg) }
            feed(leg, .provisional(code: code, hasBody: !response.body.isEmpty))
        case 200..<300:
            guard var dialog = try? Dialog.asCaller(invite: invite, response: response) else {
                return feed(leg, .failed(code: 502, reason: "unusable 2xx (no To tag)", canRedirect: false))
            }
            dialog.confirm(with: message)
            leg.peerAllowsUpdate = Self.allowsUpdate(message)
            // Requests after a PRACK in the same dialog count on from it (§12.2.1.1).
            if let prackSeq = leg.prackSeq, prackSeq > dialog.localSeq { dialog.localSeq = prackSeq }
            leg.dialog = dialog
            leg.answeredAt = now()
            if let remote = try? message.to { leg.remoteName = remote.displayName ?? leg.remoteName }
            // RFC 4028 §7.2: a Session-Expires in the 2xx starts the timer; its refresher
            // says who refreshes (the UAC is us).
            if let value = response.headers.first("Session-Expires"), let (seconds, refresher) = SessionTimer.parse(value) {
                leg.sessionTimer = SessionTimer(seconds: seconds, weRefresh: (refresher ?? .uas) == .uac)
            }
            var mediaFailure: String?
            if let sdp = try? SessionDescription.parse(response.body) {
                do { try await leg.media?.accept(sdp) } catch { mediaFailure = "\(error)" }
            }
            feed(leg, .answered)
            if let mediaFailure {
                // RFC 3261 §13.2.2.4: the 2xx is acknowledged, then the session ended.
                emit(.error("call \(leg.id): \(mediaFailure)"))
                feed(leg, .mediaFailed(mediaFailure))
            }
            let late = leg.lateForkAnswers
            leg.lateForkAnswers = []
            for fork in late { await endFork(fork, of: leg, invite: invite) }
        case 422:
            // §7.4: our interval is below the peer's minimum: ask again with its Min-SE.
            let minimum = response.headers.first("Min-SE").flatMap { SessionTimer.parse($0)?.seconds } ?? 0
            guard minimum > leg.sessionExpiresAsked, minimum <= 86400, !leg.machine.isOver else {
                return feed(leg, .failed(code: code, reason: response.reasonPhrase, canRedirect: false))
            }
            leg.sessionExpiresAsked = minimum
            var retry = invite
            let cseq = ((try? SIPMessage.request(invite).cseq)?.number ?? 1) + 1
            retry.headers.set("CSeq", "\(cseq) INVITE")
            retry.headers.set("Session-Expires", String(minimum))
            retry.headers.set("Min-SE", String(minimum))
            _ = retry.headers.remove("Via")
            return send(retry, leg: leg, targets: nil)
        case 401, 407:
            var digest = digests[leg.account.name] ?? makeDigest(leg.account)
            let outcome = digest.handle(response, to: invite)
            digests[leg.account.name] = digest
            if case .retry(var retry) = outcome, !leg.machine.isOver {
                let cseq = ((try? SIPMessage.request(invite).cseq)?.number ?? 1) + 1
                retry.headers.set("CSeq", "\(cseq) INVITE")
                _ = retry.headers.remove("Via")
                return send(retry, leg: leg, targets: nil)
            }
            let detail = if case .failed(let failure) = outcome { "\(failure)" } else { response.reasonPhrase }
            feed(leg, .failed(code: code, reason: detail, canRedirect: false))
        case 300..<400:
            leg.redirectTargets = Self.redirectTargets(message).filter { !leg.triedTargets.contains($0.description) }
            feed(leg, .failed(code: code, reason: response.reasonPhrase, canRedirect: !leg.redirectTargets.isEmpty))
        default:
            feed(leg, .failed(code: code, reason: response.reasonPhrase, canRedirect: false))
        }
    }

    /// A 3xx's Contacts, highest q first (RFC 3261 §8.1.3.4).
    static func redirectTargets(_ message: SIPMessage) -> [URI] {
        let contacts = ((try? message.contacts) ?? []).compactMap { value -> NameAddress? in
            if case .address(let a) = value { return a } else { return nil }
        }
        return contacts.enumerated()
            .sorted { ($0.element.q ?? 1000, -$0.offset) > ($1.element.q ?? 1000, -$1.offset) }
            .map(\.element.uri)
            .filter { $0.scheme == "sip" || $0.scheme == "sips" }
    }

    func followRedirect(_ leg: CallLeg) {
        guard !leg.redirectTargets.isEmpty else { return feed(leg, .noResponse("redirect without a target")) }
        let next = leg.redirectTargets.removeFirst()
        let cseq = ((leg.invite.flatMap { try? SIPMessage.request($0).cseq })?.number ?? 1) + 1
        log(.info, "call \(leg.id): redirected to \(next)")
        leg.remoteURI = next.description
        Task { [self] in await self.startInvite(leg, to: next, cseq: cseq) }
    }

    func makeInvite(_ leg: CallLeg, to uri: URI, cseq: UInt32) -> SIPRequest {
        let account = leg.account
        var headers = SIPHeaders()
        // The account's transport, when it forces one, goes on the URI that picks the next
        // hop (the outbound proxy's Route, else the Request-URI), as for REGISTER: without
        // it, RFC 3263 sends `sip:bob@host` over UDP.
        let forced = account.transport.map { $0.description.lowercased() }
        var requestURI = uri
        if let proxy = account.outboundProxy {
            var route = proxy
            if !route.isLooseRouting { route.parameters.append(URIParameter("lr")) }
            if let forced, route.transport == nil { route.parameters.set("transport", forced) }
            headers.append(name: "Route", value: "<\(route)>")
        } else if let forced, case .sip(var sip) = uri, sip.transport == nil {
            sip.parameters.set("transport", forced)
            requestURI = .sip(sip)
        }
        headers.append(name: "Max-Forwards", value: "70")
        headers.append(name: "From", value: NameAddress(displayName: account.displayName, uri: .sip(account.uri),
                                                        parameters: [GenericParameter("tag", leg.localTag)]).description)
        headers.append(name: "To", value: NameAddress(uri: uri).description)
        headers.append(name: "Call-ID", value: leg.callID)
        headers.append(name: "CSeq", value: "\(cseq) INVITE")
        headers.append(name: "Allow", value: Self.allow)
        headers.append(name: "Supported", value: "100rel, replaces, timer")
        headers.append(name: "Session-Expires", value: String(leg.sessionExpiresAsked))
        headers.append(name: "Min-SE", value: String(timing.minimumSessionExpires))
        headers.append(name: "User-Agent", value: config.general.userAgent)
        for (name, value) in leg.extraInviteHeaders { headers.append(name: name, value: value) }
        return SIPRequest(method: .invite, requestURI: requestURI.description, headers: headers)
    }

    func contact(for account: AccountConfig, host: String, port: UInt16?, transport: SIPTransport) -> String {
        let user = account.uri.user.map { "\($0)@" } ?? ""
        let param = transport == .udp ? "" : ";transport=\(transport.description.lowercased())"
        return "<sip:\(user)\(host)\(port.map { ":\($0)" } ?? "")\(param)>"
    }

    static let allow = "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, REFER, NOTIFY, INFO, UPDATE, PRACK"

    /// "[::1]" → "::1" for socket calls.
    static func bare(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    func makeDigest(_ account: AccountConfig) -> DigestClient {
        let user = account.authUser
        let password = passwords[account.name]
        return DigestClient { _ in password.map { SIPCredentials(username: user, password: $0.value) } }
    }
}
