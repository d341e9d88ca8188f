import SIPMessage
import SIPStack

/// Instant messages (RFC 3428): MESSAGE sent and received, in a call's dialog or on
/// their own; every one is kept in the history database.
extension UserAgent {
    /// RFC 3428 §7: a MESSAGE larger than this could be fragmented over UDP.
    static let maximumMessageBytes = 1300
    static let messageContentType = "text/plain;charset=UTF-8"

    func sendMessage(call id: CallNumber?, target typed: String?, text: String, account name: String?) async {
        let body = Array(text.utf8)
        guard body.count <= Self.maximumMessageBytes else {
            return emit(.error("message too long: \(body.count) bytes, at most \(Self.maximumMessageBytes)"))
        }
        let account: AccountConfig
        let remote: String
        let answer: (code: Int, reason: String)
        if let typed {
            let uri: SIPURI
            do {
                account = try AccountSelection.account(for: typed, named: name, in: config.accounts,
                                                       defaultAccount: config.general.defaultAccount)
                uri = try AccountSelection.requestURI(for: typed, account: account)
            } catch {
                return emit(.error("\(error)"))
            }
            remote = uri.description
            answer = await sendOutOfDialog(.message, account: account, to: uri, body: body, contentType: Self.messageContentType)
        } else {
            guard let leg = pick(id, where: { $0.dialog != nil && !$0.machine.isOver }, what: "call to send a message in") else { return }
            account = leg.account
            remote = leg.remoteURI
            answer = await sendInDialog(leg, .message, body: body, contentType: Self.messageContentType)
        }
        emit(.messageDelivery(to: remote, code: answer.code, detail: answer.reason))
        recordMessage(MessageRecord(direction: .outgoing, account: account.name, remoteURI: remote, text: text,
                                    time: now(), sipCode: answer.code))
    }

    /// A request outside any dialog (MESSAGE, SUBSCRIBE …) sent and answered; see
    /// `makeOutOfDialogRequest`.
    func sendOutOfDialog(_ method: SIPMethod, account: AccountConfig, to uri: SIPURI, body: [UInt8],
                         contentType: String) async -> (code: Int, reason: String) {
        var request = makeOutOfDialogRequest(method, account: account, to: uri, callID: Identifiers.callID(), fromTag: Identifiers.tag())
        request.headers.append(name: "Content-Type", value: contentType)
        request.body = body
        var cseq: UInt32 = 1
        let outcome = await exchange(request, account: account) {
            cseq += 1
            return cseq
        }
        guard let response = outcome.response else { return (408, outcome.error ?? "no answer") }
        return (response.statusCode, response.reasonPhrase)
    }

    /// From (with `fromTag`), To and Request-URI `uri`, `callID`, CSeq 1, the account's
    /// outbound proxy as Route.
    func makeOutOfDialogRequest(_ method: SIPMethod, account: AccountConfig, to uri: SIPURI, callID: String,
                                fromTag: String) -> SIPRequest {
        var headers = SIPHeaders()
        if let proxy = account.outboundProxy {
            var route = proxy
            if !route.isLooseRouting { route.parameters.append(URIParameter("lr")) }
            headers.append(name: "Route", value: "<\(route)>")
        }
        headers.append(name: "Max-Forwards", value: "70")
        headers.append(name: "From", value: NameAddress(displayName: account.displayName, uri: .sip(account.uri),
                                                        parameters: [GenericParameter("tag", fromTag)]).description)
        headers.append(name: "To", value: NameAddress(uri: .sip(uri)).description)
        headers.append(name: "Call-ID", value: callID)
        headers.append(name: "CSeq", value: "1 \(method)")
        headers.append(name: "User-Agent", value: config.general.userAgent)
        return SIPRequest(method: method, requestURI: uri.description, headers: headers)
    }

    /// A MESSAGE for us, in a call or on its own: text is reported and kept; anything
    /// but text is refused with 415 (RFC 3428 §7).
    func receiveMessage(_ incoming: IncomingRequest, inDialog: Bool) {
        let request = incoming.request
        let message = SIPMessage.request(request)
        let toTag: String? = inDialog ? nil : Identifiers.tag()
        var accountName = account(for: request)?.name ?? ""
        if inDialog {
            guard let leg = dialogLeg(for: incoming) else { return }
            accountName = leg.account.name
        }
        if !request.body.isEmpty, let type = (try? message.contentType).flatMap({ $0 }),
           !(type.type.lowercased() == "text" && type.subtype.lowercased() == "plain") {
            var refusal = request.makeResponse(415, "Unsupported Media Type", toTag: toTag)
            refusal.headers.append(name: "Accept", value: "text/plain")
            return incoming.respond(refusal)
        }
        let from = (try? message.from).flatMap { $0 }?.uri.description ?? "?"
        let text = String(decoding: request.body, as: UTF8.self)
        incoming.respond(200, "OK", toTag: toTag)
        emit(.messageReceived(account: accountName, from: from, text: text))
        recordMessage(MessageRecord(direction: .incoming, account: accountName, remoteURI: from, text: text, time: now()))
    }

    func recordMessage(_ record: MessageRecord) {
        guard config.general.history, let history else { return }
        history.recordMessage(record)
    }
}
