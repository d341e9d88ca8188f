import SIPMessage
import SIPStack

extension RegistrationReply {
    /// Reads a final response other than 401/407 (the driver passes those to DigestClient).
    ///
    /// - Parameters:
    ///   - contact: our Contact URI in the request, to find the lifetime granted to it
    ///     among the bindings listed (other contacts of the AoR are left alone).
    ///   - followNAT: whether a Via `received`/`rport` that differs from our sent-by moves
    ///     our contact (UDP; connection flows carry requests back over the connection).
    static func read(_ response: SIPResponse, contact: SIPURI, followNAT: Bool) -> RegistrationReply {
        let message = SIPMessage.response(response)
        let code = response.statusCode
        switch code {
        case 200..<300:
            return .accepted(granted: granted(in: message, to: contact),
                             natAddress: followNAT ? natAddress(in: message) : nil)
        case 423:
            let minExpires = (try? message.headers.parsed("Min-Expires", as: MinExpires.self)).map { Int($0.seconds) }
            return .intervalTooBrief(minExpires: minExpires)
        default:
            let retryAfter = (try? message.headers.parsed("Retry-After", as: RetryAfter.self)).map { Int($0.seconds) }
            return .rejected(code: code, reason: printable(response.reasonPhrase), retryAfter: retryAfter)
        }
    }

    /// Our binding's `expires` parameter, else the Expires header (RFC 3261 §10.2.4).
    static func granted(in message: SIPMessage, to contact: SIPURI) -> Int? {
        let listed = (try? message.contacts) ?? []
        for case .address(let address) in listed {
            guard case .sip(let uri) = address.uri, uri.isEquivalent(to: contact) else { continue }
            if let expires = address.expires { return Int(expires) }
        }
        return (try? message.expires).map { Int($0.seconds) }
    }

    /// Where the registrar saw us, when it is not where our Via said.
    static func natAddress(in message: SIPMessage) -> ContactAddress? {
        guard let seen = ViaRules.publicAddress(fromResponse: message), seen.differsFromSentBy else { return nil }
        let host = seen.address.contains(":") ? "[\(seen.address)]" : seen.address
        return ContactAddress(host: host, port: seen.port)
    }

    /// A reason phrase fit for a status line of ours: printable, at most 80 characters.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(80).map(Character.init))
    }
}
