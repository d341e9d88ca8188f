import SIPMessage

/// Requests the stack tests send, built as a UA would.
enum StackRequests {
    static func register(user: String, domain: String, contactHost: String = "127.0.0.1",
                         callID: String = "reg-\(UInt64.random(in: 0...UInt64.max))", cseq: Int = 1) -> SIPRequest {
        var headers = SIPHeaders()
        headers.append(name: "Max-Forwards", value: "70")
        headers.append(name: "From", value: "<sip:\(user)@\(domain)>;tag=\(UInt32.random(in: 0...UInt32.max))")
        headers.append(name: "To", value: "<sip:\(user)@\(domain)>")
        headers.append(name: "Call-ID", value: callID)
        headers.append(name: "CSeq", value: "\(cseq) REGISTER")
        headers.append(name: "Contact", value: "<sip:\(user)@\(contactHost)>")
        headers.append(name: "Expires", value: "60")
        headers.append(name: "Content-Length", value: "0")
        return SIPRequest(method: .register, requestURI: "sip:\(domain)", headers: headers)
    }

    /// The final response, after any provisionals.
    static func final(_ stream: AsyncThrowingStream<SIPResponse, any Error>) async throws -> SIPResponse? {
        var last: SIPResponse?
        for try await response in stream where response.statusCode >= 200 { last = response }
        return last
    }
}

extension StackRequests {
    /// The same request with the next CSeq number (a retry after a challenge, a refresh).
    static func nextCSeq(_ request: SIPRequest) -> SIPRequest {
        var next = request
        let number = Int(request.headers.first("CSeq")?.split(separator: " ").first ?? "1") ?? 1
        next.headers.set("CSeq", "\(number + 1) \(request.method.rawValue)")
        return next
    }
}
