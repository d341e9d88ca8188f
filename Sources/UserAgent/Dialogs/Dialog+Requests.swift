import SIPMessage

extension Dialog {
    /// A request inside the dialog (§12.2.1.1): To/From/Call-ID from the dialog, the next
    /// CSeq, the Request-URI and Route set by loose or strict routing, our Contact for
    /// target-refreshing methods. The stack stamps the Via.
    public mutating func makeRequest(_ method: SIPMethod, body: [UInt8] = [], contentType: String? = nil,
                                     extraHeaders: [(String, String)] = []) -> SIPRequest {
        localSeq &+= 1
        return request(method, cseq: localSeq, body: body, contentType: contentType, extraHeaders: extraHeaders)
    }

    /// The ACK for a 2xx to the INVITE with sequence `cseq` (§13.2.2.4): its own
    /// transaction, the INVITE's CSeq number, the dialog's route set.
    public func makeACK(cseq: UInt32, body: [UInt8] = [], contentType: String? = nil) -> SIPRequest {
        request(.ack, cseq: cseq, body: body, contentType: contentType, extraHeaders: [])
    }

    /// Where an in-dialog request goes first: the first route when loose routing (its
    /// URI is also what the stack resolves), else the remote target.
    public var requestURIAndRoutes: (requestURI: URI, routes: [NameAddress]) {
        guard let first = routeSet.first else { return (remoteTarget, []) }
        if case .sip(let sip) = first.uri, sip.isLooseRouting { return (remoteTarget, routeSet) }
        // Strict router (§12.2.1.1): it becomes the Request-URI; the target goes last.
        return (first.uri, Array(routeSet.dropFirst()) + [NameAddress(uri: remoteTarget)])
    }

    private func request(_ method: SIPMethod, cseq: UInt32, body: [UInt8], contentType: String?,
                         extraHeaders: [(String, String)]) -> SIPRequest {
        let (requestURI, routes) = requestURIAndRoutes
        var headers = SIPHeaders()
        for route in routes { headers.append(name: "Route", value: route.description) }
        headers.append(name: "Max-Forwards", value: "70")
        headers.append(name: "From", value: local.description)
        headers.append(name: "To", value: remote.description)
        headers.append(name: "Call-ID", value: callID)
        headers.append(name: "CSeq", value: "\(cseq) \(method)")
        if Self.refreshesTarget(method), !localContact.isEmpty {
            headers.append(name: "Contact", value: localContact)
        }
        for (name, value) in extraHeaders { headers.append(name: name, value: value) }
        if let contentType, !body.isEmpty { headers.append(name: "Content-Type", value: contentType) }
        return SIPRequest(method: method, requestURI: requestURI.description, headers: headers, body: body)
    }

    static func refreshesTarget(_ method: SIPMethod) -> Bool {
        method == .invite || method == .update || method == .subscribe || method == .notify || method == .refer
    }
}
