/// The start line and header fields of a message, read but not yet joined to a body.
/// The datagram parser and the stream framer both build messages from one of these.
struct MessageHead {
    enum StartLine {
        case request(method: SIPMethod, uri: String, version: String)
        case response(version: String, code: Int, reason: [UInt8])
    }

    var startLine: StartLine
    var fields: [SIPHeaderField]
    /// Index of the first body byte in the parsed buffer.
    var bodyStart: Int
    /// The Content-Length value, if the message has one (all occurrences agree).
    var contentLength: Int?
    /// Where the (first) Content-Length field starts, for error offsets.
    var contentLengthOffset: Int

    /// Reads the start line and header section of a message starting at `start` (after
    /// skipping any CRLFs there). Validates Content-Length: it must be 1*DIGIT, within
    /// `limits.maxMessageSize`, and every occurrence must agree (RFC 4475 §3.1.2.3, §3.3.12).
    static func parse(_ b: [UInt8], from start: Int, limits: SIPLimits) throws(SIPParseError) -> MessageHead {
        var i = start
        // RFC 3261 §7.5: CRLFs before the start line are ignored.
        while i < b.count, b[i] == WireByte.cr || b[i] == WireByte.lf { i += 1 }
        guard i < b.count else { throw SIPParseError(.truncated, at: i, "no start line") }
        let (startLine, afterStart) = try StartLineParser.parse(b, from: i, limits: limits)
        let (fields, bodyStart) = try HeaderScanner.scan(b, from: afterStart, limits: limits)
        var length: Int?
        var lengthOffset = bodyStart
        // Indexing (rather than iterating copies) keeps this loop free of reference counting.
        for index in fields.indices where fields[index].nameID == HeaderNameTable.contentLength {
            let field = fields[index]
            let offset = field.offset ?? 0
            guard let n = field.contentLengthValue(limit: limits.maxMessageSize) else {
                let raw = WireByte.text( field.storage[field.valueRange])
                let isNumber = !raw.isEmpty && raw.utf8.allSatisfy(WireByte.isDigit)
                throw SIPParseError(
                    isNumber ? .tooLarge : .badContentLength, at: offset,
                    isNumber
                        ? "Content-Length \(raw) exceeds the \(limits.maxMessageSize)-byte message limit"
                        : "Content-Length \"\(raw.prefix(40))\" is not a non-negative integer")
            }
            if let earlier = length {
                guard earlier == n else {
                    throw SIPParseError(.badContentLength, at: offset, "conflicting Content-Length values \(earlier) and \(n)")
                }
            } else {
                length = n
                lengthOffset = offset
            }
        }
        return MessageHead(
            startLine: startLine, fields: fields, bodyStart: bodyStart, contentLength: length,
            contentLengthOffset: lengthOffset)
    }

    func message(body: [UInt8]) -> SIPMessage {
        let headers = SIPHeaders(fields)
        switch startLine {
        case .request(let method, let uri, let version):
            return .request(SIPRequest(method: method, requestURI: uri, version: version, headers: headers, body: body))
        case .response(let version, let code, let reason):
            return .response(
                SIPResponse(version: version, statusCode: code, reasonPhraseBytes: reason, headers: headers, body: body))
        }
    }
}
