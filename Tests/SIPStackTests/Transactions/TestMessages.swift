import SIPMessage

/// Requests and responses for the transaction tests, parsed from text.
enum TestMessages {
    static func request(
        _ method: String, uri: String = "sip:bob@biloxi.example.com", branch: String? = "z9hG4bK776asdhds",
        transport: String = "UDP", sentBy: String = "pc33.atlanta.example.com", cseq: UInt32 = 314159,
        cseqMethod: String? = nil, toTag: String? = nil, extra: [String] = []
    ) -> SIPRequest {
        let branchParam = branch.map { ";branch=\($0)" } ?? ""
        let lines = [
            "\(method) \(uri) SIP/2.0",
            "Via: SIP/2.0/\(transport) \(sentBy)\(branchParam)",
            "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKdeeper",
            "Max-Forwards: 70",
            "Route: <sip:p1.example.com;lr>",
            "Route: <sip:p2.example.com;lr>",
            "To: Bob <sip:bob@biloxi.example.com>" + (toTag.map { ";tag=\($0)" } ?? ""),
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
            "CSeq: \(cseq) \(cseqMethod ?? method)",
            "Contact: <sip:alice@pc33.atlanta.example.com>",
        ] + extra + ["Content-Length: 0", "", ""]
        return parse(lines.joined(separator: "\r\n")).request ?? SIPRequest(method: .options, requestURI: "sip:x")
    }

    static func invite(branch: String = "z9hG4bK776asdhds", transport: String = "UDP") -> SIPRequest {
        request("INVITE", branch: branch, transport: transport)
    }

    static func options(branch: String = "z9hG4bKopt1", transport: String = "UDP") -> SIPRequest {
        request("OPTIONS", branch: branch, transport: transport)
    }

    /// A response to `request`: its Vias, From, Call-ID and CSeq, its To plus `toTag`.
    static func response(_ code: Int, to request: SIPRequest, toTag: String? = "a6c85cf") -> SIPResponse {
        var lines = ["SIP/2.0 \(code) Reason"]
        for via in request.headers.fields(named: "Via") { lines.append("Via: \(via.value)") }
        var to = request.headers.first("To") ?? ""
        if let toTag, !to.contains("tag=") { to += ";tag=\(toTag)" }
        lines.append("To: \(to)")
        for name in ["From", "Call-ID", "CSeq"] { lines.append("\(name): \(request.headers.first(name) ?? "")") }
        lines += ["Content-Length: 0", "", ""]
        return parse(lines.joined(separator: "\r\n")).response ?? SIPResponse(statusCode: 500, reasonPhrase: "x")
    }

    static func parse(_ text: String) -> SIPMessage {
        (try? SIPMessage.parse(text)) ?? .response(SIPResponse(statusCode: 599, reasonPhrase: "unparsable test text"))
    }
}
