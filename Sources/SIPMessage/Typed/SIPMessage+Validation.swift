/// Checks beyond framing: what RFC 3261 requires of a message before an element acts on
/// it (§8.2, §16.3), and every known header against its grammar. Parsing stays lenient
/// so that a message with a bad optional header can still be answered; this says what
/// is wrong, and how badly.
extension SIPMessage {
    /// Every problem found, fatal ones and ignorable ones, in message order where it applies.
    public var problems: [SIPMessageProblem] {
        var found: [SIPMessageProblem] = []
        if !isSIP20 {
            found.append(SIPMessageProblem(
                header: nil, reason: "unsupported SIP version \(version)", offset: versionOffset, statusCode: 505))
        }
        for name in missingMandatoryHeaders {
            // RFC 2543 peers omit Max-Forwards (RFC 4475 §3.4.1); an element inserts 70.
            let severity: SIPMessageProblem.Severity = name == "Max-Forwards" ? .ignorable : .fatal
            found.append(SIPMessageProblem(header: name, reason: "missing mandatory header", severity: severity))
        }
        for name in HeaderValueRule.mustNotRepeat {
            let repeated = headers.fields(named: name)
            if repeated.count > 1, let second = repeated.dropFirst().first {
                found.append(SIPMessageProblem(
                    header: name, reason: "appears \(repeated.count) times; it must appear once", offset: second.offset))
            }
        }
        if case .request(let request) = self {
            found += request.requestLineProblems
        }
        found += headerValueProblems
        return found
    }

    /// Throws the first fatal problem: the message cannot be processed as it is.
    public func validate() throws(SIPMessageProblem) {
        if let first = problems.first(where: { $0.severity == .fatal }) { throw first }
    }

    private var version: String {
        switch self {
        case .request(let r): r.version
        case .response(let r): r.version
        }
    }

    /// Requests carry the version at the end of the start line, responses at its start.
    private var versionOffset: Int {
        switch self {
        case .request(let r): r.method.rawValue.utf8.count + 1 + r.requestURI.utf8.count + 1
        case .response: 0
        }
    }

    private var headerValueProblems: [SIPMessageProblem] {
        var found: [SIPMessageProblem] = []
        for rule in HeaderValueRule.all {
            for field in headers.fields(named: rule.name) {
                do {
                    _ = try rule.parse(field.value[...])
                } catch {
                    found.append(SIPMessageProblem(
                        header: rule.name, reason: error.reason, offset: field.valueOffset + error.offset,
                        severity: rule.isEssential ? .fatal : .ignorable))
                }
            }
        }
        return found.sorted { ($0.offset ?? 0) < ($1.offset ?? 0) }
    }
}

extension SIPRequest {
    /// The Request-URI must parse, must not carry headers (RFC 3261 §19.1.1 table), and
    /// CSeq's method must be the request's (§8.1.1.5).
    fileprivate var requestLineProblems: [SIPMessageProblem] {
        var found: [SIPMessageProblem] = []
        let uriOffset = method.rawValue.utf8.count + 1
        do {
            if case .sip(let sip) = try uri, !sip.headers.isEmpty {
                found.append(SIPMessageProblem(
                    header: "Request-URI", reason: "a Request-URI must not carry headers (?…)", offset: uriOffset))
            }
        } catch {
            found.append(SIPMessageProblem(header: "Request-URI", reason: error.reason, offset: uriOffset + error.offset))
        }
        if let cseq = try? SIPMessage.request(self).cseq, cseq.method != method.rawValue {
            found.append(SIPMessageProblem(
                header: "CSeq", reason: "method \(cseq.method) differs from the request's \(method.rawValue)",
                offset: headers.field("CSeq")?.offset))
        }
        return found
    }
}
