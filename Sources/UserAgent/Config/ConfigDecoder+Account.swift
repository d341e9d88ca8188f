import SIPMessage
import TOML

/// One `[[account]]` table.
extension ConfigDecoder {
    /// Account names: what commands type (`call URI work`), so no spaces.
    static func isValidAccountName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.count <= 64 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-@+".unicodeScalars.contains($0)
        }
    }

    mutating func decodeAccount(_ table: TOMLTable, number: Int) -> AccountConfig? {
        var s = Section(name: "account \(number)", table: table)
        var name: String?
        if let (v, at) = string(s, "name") {
            if Self.isValidAccountName(v) {
                name = v
                s.name = "account \"\(v)\""
            } else {
                report("must be 1 to 64 letters, digits or . _ - @ + (commands name accounts by it), not \(Self.describe(.string(v)))",
                       in: s, key: "name", at: at)
            }
        }
        checkKeys(s, known: ConfigKeys.account)
        let uri = sipURI(s, "uri")
        if uri == nil && table.entry("uri") == nil {
            report("missing uri, the account's address such as \"sip:alice@example.com\"", in: s, key: "uri", at: table.position)
        }
        var account = AccountConfig(name: name ?? "", uri: uri ?? SIPURI(host: .domain("invalid")))
        if let v = text(s, "username", maxLength: 128) { account.username = v }
        if let v = secret(s, "password") { account.password = .literal(v) }
        if let v = text(s, "password_command", maxLength: 4096) {
            if let entry = table.entry("password") {
                report("set password or password_command, not both (password is at line \(entry.keyPosition.line))",
                       in: s, key: "password_command", at: table.entry("password_command")?.keyPosition ?? table.position)
            } else {
                account.password = .command(v)
            }
        }
        if let v = text(s, "display_name", maxLength: 128) { account.displayName = v }
        if let v = sipURI(s, "registrar") { account.registrar = v }
        if let v = sipURI(s, "outbound_proxy") { account.outboundProxy = v }
        if let v = choice(s, "transport", AccountTransport.self) { account.transport = v.sipTransport }
        if let v = bool(s, "register") { account.register = v }
        if let v = int(s, "expires", in: 60...86400) { account.expires = v }
        if let v = choice(s, "srtp", SRTPPolicy.self) { account.srtp = v }
        if let v = codecs(s) { account.codecs = v }
        if let v = choice(s, "dtmf", DTMFMethod.self) { account.dtmf = v }
        if let v = choice(s, "redundancy", RedundancyMode.self) { account.redundancy = v }
        if let v = bool(s, "auto_answer") { account.autoAnswer = v }
        if let v = int(s, "auto_answer_delay", in: 0...3600) { account.autoAnswerDelay = v }
        if let v = choice(s, "accept_transfer", IncomingTransfer.Policy.self) { account.acceptTransfer = v }
        if let v = bool(s, "auto_answer_requested") { account.autoAnswerRequested = v }
        if let v = text(s, "forward_always", maxLength: 256) { account.forwarding.always = v }
        if let v = text(s, "forward_busy", maxLength: 256) { account.forwarding.busy = v }
        if let v = text(s, "forward_no_answer", maxLength: 256) { account.forwarding.noAnswer = v }
        if let v = int(s, "forward_no_answer_after", in: 1...600) { account.forwarding.noAnswerAfter = v }
        if let v = bool(s, "mwi") { account.mwi = v }
        if let v = text(s, "voicemail", maxLength: 256) { account.voicemail = v }
        if let v = server(s, "stun_server") { account.stunServer = v }
        if let v = server(s, "turn_server") { account.turnServer = v }
        if let v = text(s, "turn_user") { account.turnUser = v }
        if let v = secret(s, "turn_password") { account.turnPassword = v }
        if let v = choice(s, "turn_transport", TURNTransportChoice.self) { account.turnTransport = v }
        if let v = bool(s, "ice") { account.ice = v }
        guard let uri else { return nil }
        if name == nil {
            guard table.entry("name") == nil else { return nil }
            // Unnamed: the address of record names it.
            let derived = uri.user.map { "\($0)@\(uri.host)" } ?? uri.host.description
            guard Self.isValidAccountName(derived) else {
                report("missing name (the URI gives no usable one); add name = \"…\"", in: s, key: "name", at: table.position)
                return nil
            }
            account.name = derived
        }
        return account
    }

    /// `codecs`: known names, each once, in order of preference.
    private mutating func codecs(_ s: Section) -> [String]? {
        guard let values = stringArray(s, "codecs") else { return nil }
        var out: [String] = []
        for (value, at) in values {
            let lower = value.lowercased()
            guard ConfigKeys.codecs.contains(lower) else {
                let known = ConfigKeys.codecs.map { "\"\($0)\"" }.joined(separator: ", ")
                report("unknown codec \(Self.describe(.string(value))); known codecs are \(known)", in: s, key: "codecs", at: at)
                return nil
            }
            guard !out.contains(lower) else {
                report("\"\(lower)\" is listed twice", in: s, key: "codecs", at: at)
                return nil
            }
            out.append(lower)
        }
        return out
    }
}

/// The transports an account may force.
enum AccountTransport: String, CaseIterable {
    case udp, tcp, tls
    var sipTransport: SIPTransport {
        switch self {
        case .udp: .udp
        case .tcp: .tcp
        case .tls: .tls
        }
    }
}
