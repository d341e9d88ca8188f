import SIPMessage
import SIPStack

/// Keys sent and received by SIP INFO, beside RFC 4733 in the media (the account's `dtmf`).
extension UserAgent {
    func sendDigits(_ leg: CallLeg, _ digits: String) async {
        let agreed = await leg.media?.negotiated().first?.telephoneEvent != nil
        switch DTMFRoute.choose(leg.account.dtmf, telephoneEventAgreed: agreed) {
        case .rfc4733:
            do { try await leg.media?.sendDigits(digits) } catch { emit(.error("call \(leg.id): dtmf: \(error)")) }
        case .info:
            guard leg.dialog != nil else { return emit(.error("call \(leg.id): dtmf: the call is not answered yet")) }
            // One INFO per key, each after the previous one's answer, so they arrive in order.
            for key in digits.uppercased() {
                let answer = await sendInDialog(leg, .info, body: DTMFInfo.relayBody(key), contentType: DTMFInfo.relayContentType)
                guard (200..<300).contains(answer.code) else {
                    return emit(.error("call \(leg.id): dtmf: INFO for \(key) answered \(answer.code) \(answer.reason)"))
                }
            }
        case .inband:
            do { try await leg.media?.sendInbandDigits(digits) } catch { emit(.error("call \(leg.id): dtmf: \(error)")) }
        case .unavailable(let why):
            emit(.error("call \(leg.id): dtmf: \(why)"))
        }
    }

    /// An INFO in a call: DTMF is reported; other bodies are refused with 415 (we know no
    /// Info-Package, RFC 6086).
    func receiveInfo(_ incoming: IncomingRequest) {
        guard let leg = dialogLeg(for: incoming) else { return }
        let request = incoming.request
        if request.body.isEmpty { return incoming.respond(200, "OK", toTag: nil) } // a keep-alive
        let type = request.headers.first("Content-Type") ?? ""
        guard let key = DTMFInfo.key(in: request.body, contentType: type) else {
            var refusal = request.makeResponse(415, "Unsupported Media Type", toTag: nil)
            refusal.headers.append(name: "Accept", value: "\(DTMFInfo.relayContentType), \(DTMFInfo.plainContentType)")
            return incoming.respond(refusal)
        }
        incoming.respond(200, "OK", toTag: nil)
        emit(.dtmfReceived(call: leg.id, digit: key))
    }
}
