import SIPMessage
import SIPStack

/// Sending requests inside a call's dialog (REFER, NOTIFY, MESSAGE, INFO) and finding the
/// call a peer's in-dialog request belongs to.
extension UserAgent {
    /// Sends a non-INVITE request in `leg`'s dialog and returns its final status (408 with
    /// the error when none came). One digest challenge is answered.
    func sendInDialog(_ leg: CallLeg, _ method: SIPMethod, body: [UInt8] = [], contentType: String? = nil,
                      headers: [(String, String)] = []) async -> (code: Int, reason: String) {
        guard var dialog = leg.dialog else { return (481, "the call has no dialog") }
        let request = dialog.makeRequest(method, body: body, contentType: contentType,
                                         extraHeaders: headers + [("User-Agent", config.general.userAgent)])
        leg.dialog = dialog
        let outcome = await exchange(request, account: leg.account) {
            leg.dialog?.localSeq &+= 1
            return leg.dialog?.localSeq ?? 1
        }
        guard let response = outcome.response else { return (408, outcome.error ?? "no answer") }
        return (response.statusCode, response.reasonPhrase)
    }

    /// Sends a non-INVITE request and waits for its final response, answering one digest
    /// challenge (the retry takes its CSeq from `nextCSeq`). Returns the response (nil and
    /// the error when none came) and the request as last sent.
    func exchange(_ first: SIPRequest, account: AccountConfig, nextCSeq: () -> UInt32) async
        -> (response: SIPResponse?, sent: SIPRequest, error: String?) {
        var request = first
        digests[account.name]?.authorize(&request)
        var challenged = false
        while true {
            var final: SIPResponse?
            do {
                for try await response in stack.send(request) where response.statusCode >= 200 {
                    final = response
                    break // the stream lasts until the transaction ends (Timer K)
                }
            } catch {
                return (nil, request, "\(error)")
            }
            guard let response = final else { return (nil, request, "no answer") }
            let code = response.statusCode
            guard code == 401 || code == 407, !challenged else { return (response, request, nil) }
            challenged = true
            var digest = digests[account.name] ?? makeDigest(account)
            let outcome = digest.handle(response, to: request)
            digests[account.name] = digest
            guard case .retry(var retry) = outcome else { return (response, request, nil) }
            retry.headers.set("CSeq", "\(nextCSeq()) \(request.method)")
            _ = retry.headers.remove("Via")
            request = retry
        }
    }

    /// The live call an in-dialog request from the peer belongs to, with its CSeq checked
    /// (§12.2.2); answers 481 or 500 itself and returns nil when there is none.
    func dialogLeg(for incoming: IncomingRequest) -> CallLeg? {
        let message = SIPMessage.request(incoming.request)
        guard let leg = leg(for: message, ourTagIn: .to), !leg.machine.isOver, var dialog = leg.dialog else {
            incoming.respond(481, "Call/Transaction Does Not Exist", toTag: nil)
            return nil
        }
        guard dialog.acceptRemote(incoming.request) else {
            incoming.respond(500, "Server Internal Error", toTag: nil)
            return nil
        }
        leg.dialog = dialog
        return leg
    }
}
