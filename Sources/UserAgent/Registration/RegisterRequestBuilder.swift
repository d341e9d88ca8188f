import SIPMessage

/// Builds one account's REGISTER requests (RFC 3261 §10.2). Pure: the same plan and CSeq
/// give the same request.
struct RegisterRequestBuilder: Sendable {
    let account: AccountConfig
    /// One Call-ID per account for the process lifetime (§10.2: registrars order by it).
    let callID: String
    let fromTag: String
    let userAgent: String

    static let allow = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, PRACK, REFER, NOTIFY, MESSAGE"
    static let supported = "replaces, timer"

    /// The registrar, else the AoR's domain (no user part, §10.2).
    var requestURI: SIPURI {
        if let registrar = account.registrar { return registrar }
        return SIPURI(secure: account.uri.isSecure, host: account.uri.host, port: account.uri.port)
    }

    /// The transport Contact URIs name and next hops must use, when the account forces one.
    var forcedTransport: SIPTransport? { account.transport }

    /// The URI that decides the next hop: the outbound proxy (as a pre-loaded Route), else
    /// the Request-URI; with the account's transport forced on it.
    var nextHopURI: SIPURI {
        var uri = account.outboundProxy ?? requestURI
        if let transport = forcedTransport, uri.transport == nil {
            uri.parameters.set("transport", transport.description.lowercased())
        }
        if account.outboundProxy != nil, !uri.isLooseRouting { uri.parameters.set("lr", nil) }
        return uri
    }

    /// Our Contact URI at `address`: the AoR's user, `transport=` unless UDP.
    func contactURI(_ address: ContactAddress, transport: SIPTransport) -> SIPURI {
        let host = (try? Host.parse(Substring(address.host))) ?? .domain(address.host)
        var parameters: [URIParameter] = []
        if transport != .udp { parameters.append(URIParameter("transport", transport.description.lowercased())) }
        return SIPURI(secure: false, user: account.uri.user, host: host, port: address.port, parameters: parameters)
    }

    func request(for plan: RegisterPlan, transport: SIPTransport, cseq: Int) -> SIPRequest {
        var uri = requestURI
        if account.outboundProxy == nil, let forced = forcedTransport, uri.transport == nil {
            uri.parameters.set("transport", forced.description.lowercased())
        }
        let aor = NameAddress(displayName: account.displayName, uri: .sip(Self.bare(account.uri)))
        var headers = SIPHeaders()
        if account.outboundProxy != nil { headers.append(name: "Route", value: "<\(nextHopURI)>") }
        headers.append(name: "Max-Forwards", value: "70")
        headers.append(name: "From", value: "\(aor);tag=\(fromTag)")
        headers.append(name: "To", value: aor.description)
        headers.append(name: "Call-ID", value: callID)
        headers.append(name: "CSeq", value: "\(cseq) REGISTER")
        var contact = NameAddress(uri: .sip(contactURI(plan.contact, transport: transport)))
        if plan.expires == 0 { contact.parameters.append(GenericParameter("expires", "0")) }
        headers.append(name: "Contact", value: contact.description)
        if let old = plan.removing, old != plan.contact {
            let gone = NameAddress(uri: .sip(contactURI(old, transport: transport)),
                                   parameters: [GenericParameter("expires", "0")])
            headers.append(name: "Contact", value: gone.description)
        }
        headers.append(name: "Expires", value: String(plan.expires))
        headers.append(name: "User-Agent", value: userAgent)
        headers.append(name: "Allow", value: Self.allow)
        headers.append(name: "Supported", value: Self.supported)
        headers.append(name: "Content-Length", value: "0")
        return SIPRequest(method: .register, requestURI: uri.description, headers: headers)
    }

    /// A request with its CSeq number replaced (a challenge answer goes out as a new request).
    static func renumbered(_ request: SIPRequest, cseq: Int) -> SIPRequest {
        var out = request
        out.headers.set("CSeq", "\(cseq) REGISTER")
        return out
    }

    /// The AoR as To/From carry it: no URI parameters that only route (transport, lr).
    static func bare(_ uri: SIPURI) -> SIPURI {
        SIPURI(secure: uri.isSecure, user: uri.user, host: uri.host, port: uri.port)
    }
}
