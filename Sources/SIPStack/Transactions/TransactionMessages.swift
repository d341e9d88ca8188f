import SIPMessage

/// Messages a transaction builds itself: the ACK for a non-2xx final response
/// (RFC 3261 §17.1.1.3), the CANCEL of a pending INVITE (§9.1) and the 100 Trying of an
/// INVITE server transaction (§8.2.6).
enum TransactionMessages {
    /// The ACK for `response`, a 300–699 answer to `invite`: same Request-URI, Call-ID,
    /// From and CSeq number as the INVITE, the To of the response (with its tag), only the
    /// INVITE's top Via, the INVITE's Route headers, and its Max-Forwards.
    static func ack(for invite: SIPRequest, response: SIPResponse) -> SIPRequest {
        sibling(of: invite, method: .ack, to: response.headers.first("To"))
    }

    /// The CANCEL for `invite` as it was sent (§9.1): the same fields, To as the INVITE's.
    static func cancel(for invite: SIPRequest) -> SIPRequest {
        sibling(of: invite, method: .cancel, to: nil)
    }

    /// A request that shares its INVITE's transaction identity: only the INVITE's top
    /// Via, its Route headers and Max-Forwards, From, To (`to` replacing it when given),
    /// Call-ID and the CSeq number with `method`.
    private static func sibling(of invite: SIPRequest, method: SIPMethod, to: String?) -> SIPRequest {
        var headers = SIPHeaders()
        if let topVia = invite.headers.values("Via").first {
            headers.append(name: "Via", value: String(topVia))
        }
        for route in invite.headers.fields(named: "Route") {
            headers.append(name: "Route", value: route.value)
        }
        headers.append(name: "Max-Forwards", value: invite.headers.first("Max-Forwards") ?? "70")
        if let from = invite.headers.first("From") { headers.append(name: "From", value: from) }
        if let to = to ?? invite.headers.first("To") { headers.append(name: "To", value: to) }
        if let callID = invite.headers.first("Call-ID") { headers.append(name: "Call-ID", value: callID) }
        headers.append(name: "CSeq", value: "\(cseqNumber(of: invite)) \(method)")
        return SIPRequest(method: method, requestURI: invite.requestURI, headers: headers)
    }

    /// The sequence number written in the request's CSeq, as text ("0" if there is none:
    /// requests reach a client transaction only after their key, which needs a CSeq, was
    /// computed).
    static func cseqNumber(of request: SIPRequest) -> Substring {
        let value = request.headers.first("CSeq") ?? ""
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "0"
    }

    /// 100 Trying for `request` (§8.2.6): no To tag is added.
    static func trying(for request: SIPRequest) -> SIPResponse {
        request.makeResponse(100, "Trying")
    }

    /// The tag of the To header, read without failing on a malformed header.
    static func toTag(_ headers: SIPHeaders) -> String? {
        guard let raw = headers.first("To"), let to = try? NameAddress.parse(raw[...]) else { return nil }
        return to.tag
    }
}
