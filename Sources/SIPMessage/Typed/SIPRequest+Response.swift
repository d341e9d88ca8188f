extension SIPRequest {
    /// A response to this request as RFC 3261 §8.2.6 builds it: every Via in order, From,
    /// Call-ID, CSeq and Timestamp copied; To copied, with `toTag` added when the request's
    /// To has no tag (a 100 Trying passes nil: it must not add one).
    public func makeResponse(_ statusCode: Int, _ reasonPhrase: String, toTag: String? = nil) -> SIPResponse {
        var out = SIPHeaders()
        for field in headers.fields(named: "Via") { out.append(name: "Via", value: field.value) }
        for name in ["From", "To", "Call-ID", "CSeq", "Timestamp"] {
            guard var value = headers.first(name) else { continue }
            if name == "To", let toTag, (try? NameAddress.parse(value))?.tag == nil {
                value += ";tag=\(toTag)"
            }
            out.append(name: name, value: value)
        }
        out.append(name: "Content-Length", value: "0")
        return SIPResponse(statusCode: statusCode, reasonPhrase: reasonPhrase, headers: out)
    }
}
