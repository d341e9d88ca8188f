import NIOCore
import SIPMessage
import SIPStack

/// One account's voicemail subscription (RFC 3842) and what it last said. Touched only on
/// the UserAgent's executor.
final class VoicemailBox: @unchecked Sendable {
    let account: AccountConfig
    var machine: MWISubscription
    let callID = Identifiers.callID()
    let fromTag = Identifiers.tag()
    /// The subscription's dialog once the SUBSCRIBE was answered 2xx.
    var dialog: Dialog?
    var timer: Scheduled<Void>?
    var summary: MessageSummary?

    init(account: AccountConfig, machine: MWISubscription) {
        self.account = account
        self.machine = machine
    }
}

/// Voicemail indication: SUBSCRIBE to message-summary with refresh, NOTIFYs (ours and
/// unsolicited ones) reported, and the `voicemail` command.
extension UserAgent {
    func startVoicemailSubscriptions() {
        for account in config.accounts where account.mwi {
            let box = VoicemailBox(account: account, machine: MWISubscription(expires: 3600, retryAfter: timing.mwiRetry))
            voicemailBoxes[account.name] = box
            feedVoicemail(box, .start)
        }
    }

    func feedVoicemail(_ box: VoicemailBox, _ input: MWISubscription.Input) {
        guard voicemailBoxes[box.account.name] === box else { return }
        let actions = box.machine.handle(input)
        for action in actions {
            switch action {
            case .subscribe(let expires, let refresh):
                Task { [self] in await self.subscribe(box, expires: expires, refresh: refresh) }
            case .startTimer(let after):
                box.timer?.cancel()
                box.timer = eventLoop.scheduleTask(in: TimeAmount(after)) {
                    Task { await self.feedVoicemail(box, .timerFired) }
                }
            case .cancelTimer:
                box.timer?.cancel()
                box.timer = nil
            }
        }
    }

    /// At quit: each live subscription ends with a SUBSCRIBE of Expires 0 (RFC 6665
    /// §4.1.2.3), waiting at most `limit` for the answers.
    func unsubscribeVoicemail(within limit: Duration) async {
        let live = voicemailBoxes.values.filter { $0.dialog != nil }
        guard !live.isEmpty else { return }
        // Whichever ends first: the answers, or the limit (an exchange alone may wait 32 s).
        let (done, finish) = AsyncStream.makeStream(of: Void.self)
        Task { [self] in
            for box in live { await self.subscribe(box, expires: 0, refresh: true) }
            finish.finish()
        }
        Task {
            try? await Task.sleep(for: limit)
            finish.finish()
        }
        for await _ in done {}
    }

    func subscribe(_ box: VoicemailBox, expires: Int, refresh: Bool) async {
        let account = box.account
        let headers: [(String, String)] = [("Event", "message-summary"), ("Accept", MessageSummary.contentType),
                                           ("Expires", String(expires))]
        let request: SIPRequest
        var cseq: UInt32 = 1
        if refresh, var dialog = box.dialog {
            request = dialog.makeRequest(.subscribe, extraHeaders: headers + [("User-Agent", config.general.userAgent)])
            box.dialog = dialog
            cseq = dialog.localSeq
        } else {
            var fresh = makeOutOfDialogRequest(.subscribe, account: account, to: account.uri, callID: box.callID, fromTag: box.fromTag)
            for (name, value) in headers { fresh.headers.append(name: name, value: value) }
            do {
                fresh.headers.append(name: "Contact", value: try await ownContact(for: fresh, account: account))
            } catch {
                log(.warning, "account \(account.name): voicemail subscription: \(error)")
                return feedVoicemail(box, .answered(code: 503, expires: nil))
            }
            box.dialog = nil
            request = fresh
        }
        let outcome = await exchange(request, account: account) {
            if box.dialog != nil {
                box.dialog?.localSeq &+= 1
                return box.dialog?.localSeq ?? cseq
            }
            cseq += 1
            return cseq
        }
        guard let response = outcome.response else {
            log(.warning, "account \(account.name): voicemail subscription: \(outcome.error ?? "no answer")")
            return feedVoicemail(box, .answered(code: 408, expires: nil))
        }
        let code = response.statusCode
        if (200..<300).contains(code), box.dialog == nil {
            if var dialog = try? Dialog.asCaller(invite: outcome.sent, response: response) {
                dialog.confirm(with: .response(response))
                box.dialog = dialog
            }
        } else if code >= 300 {
            log(.info, "account \(account.name): voicemail subscription answered \(code) \(response.reasonPhrase)")
            box.dialog = nil
        }
        let granted = response.headers.first("Expires").flatMap { Int($0.filter { !$0.isWhitespace }.prefix(9)) }
        feedVoicemail(box, .answered(code: code, expires: granted))
    }

    /// Our Contact toward where `request` goes: the registered one, else the listener's.
    func ownContact(for request: SIPRequest, account: AccountConfig) async throws -> String {
        let targets = try await stack.nextHops(for: request)
        guard let first = targets.first, let sentBy = try await stack.transport.sentBy(for: first) else {
            throw StackError.noTargets("no local listener toward \(targets.first?.description ?? "the registrar")")
        }
        if let registered = await registeredContact(for: account, transport: first.transport) { return registered }
        return contact(for: account, host: sentBy.host.description, port: sentBy.port, transport: first.transport)
    }

    /// A NOTIFY in one of our voicemail subscriptions; false when it is not one of theirs.
    func receiveVoicemailNotify(_ incoming: IncomingRequest) -> Bool {
        let message = SIPMessage.request(incoming.request)
        let callID = incoming.request.headers.first("Call-ID")
        let tag = message.toValue?.tag
        guard let box = voicemailBoxes.values.first(where: { $0.callID == callID && $0.fromTag == tag }) else { return false }
        if var dialog = box.dialog {
            guard dialog.acceptRemote(incoming.request) else {
                incoming.respond(500, "Server Internal Error", toTag: nil)
                return true
            }
            box.dialog = dialog
        }
        incoming.respond(200, "OK", toTag: nil)
        if let summary = MessageSummary.parse(incoming.request.body) { reportVoicemail(box.account.name, summary) }
        if (incoming.request.headers.first("Subscription-State") ?? "").lowercased().hasPrefix("terminated") {
            box.dialog = nil
            feedVoicemail(box, .terminated)
        }
        return true
    }

    /// A NOTIFY outside any dialog: Asterisk sends message-summary so to phones that never
    /// subscribed. Other events are refused (489).
    func receiveUnsolicitedNotify(_ incoming: IncomingRequest) {
        let request = incoming.request
        let event = request.headers.first("Event").flatMap { try? EventValue.parse($0[...]) }
        guard event?.package.lowercased() == "message-summary" else {
            return incoming.respond(489, "Bad Event", toTag: Identifiers.tag())
        }
        guard let summary = MessageSummary.parse(request.body) else {
            return incoming.respond(400, "Bad Request", toTag: Identifiers.tag())
        }
        incoming.respond(200, "OK", toTag: Identifiers.tag())
        reportVoicemail(account(for: request)?.name ?? "", summary)
    }

    func reportVoicemail(_ account: String, _ summary: MessageSummary) {
        voicemailBoxes[account]?.summary = summary
        lastVoicemailSummary[account] = summary
        emit(.voicemail(account: account, summary))
    }

    func callVoicemail(_ name: String?) async {
        let accountName = name ?? config.general.defaultAccount ?? config.accounts.first?.name
        guard let account = config.accounts.first(where: { $0.name == accountName }) else {
            return emit(.error("no account \(accountName ?? "")"))
        }
        guard let target = account.voicemail ?? lastVoicemailSummary[account.name]?.account else {
            return emit(.error("account \(account.name): no voicemail address (set voicemail in the configuration)"))
        }
        await placeCall(to: target, account: account.name)
    }
}
