extension SIPMessage {
    /// The message as bytes to send. Header fields are written as received (unknown ones
    /// byte-for-byte, folding kept; bare LF line ends become CRLF), so a message that
    /// needed no fixing comes out as it came in. Content-Length is always made correct:
    /// a field that already says the body's length is kept as it was; otherwise the first
    /// Content-Length field is rewritten in place (others dropped), or one is appended.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(estimatedSize)
        appendStartLine(to: &out)
        let body = self.body
        let plan = ContentLengthPlan(headers: headers, bodyCount: body.count)
        for (index, field) in headers.enumerated() {
            switch plan.action(for: index, field) {
            case .keep:
                appendRaw(field, to: &out)
            case .drop:
                continue
            case .rewrite:
                out.append(contentsOf: field.storage[field.nameRange])
                out.append(contentsOf: ": \(body.count)".utf8)
            }
            out.append(WireByte.cr)
            out.append(WireByte.lf)
        }
        if plan.appendAtEnd {
            out.append(contentsOf: "Content-Length: \(body.count)\r\n".utf8)
        }
        out.append(WireByte.cr)
        out.append(WireByte.lf)
        out.append(contentsOf: body)
        return out
    }

    /// A readable rendering for diagnostics (`pipit debug parse-sip`): the start line, then
    /// one `Canonical-Name: value` line per field (compact forms expanded, folding removed),
    /// a correct Content-Length, an empty line and the body. Lines end in LF; bytes that are
    /// not UTF-8 show as U+FFFD.
    public var canonicalText: String {
        var startLine: [UInt8] = []
        appendStartLine(to: &startLine)
        startLine.removeLast(2)
        var text = WireByte.text( startLine) + "\n"
        let body = self.body
        let plan = ContentLengthPlan(headers: headers, bodyCount: body.count)
        for (index, field) in headers.enumerated() {
            switch plan.action(for: index, field) {
            case .keep: text += "\(field.canonicalName): \(field.value)\n"
            case .drop: continue
            case .rewrite: text += "Content-Length: \(body.count)\n"
            }
        }
        if plan.appendAtEnd { text += "Content-Length: \(body.count)\n" }
        text += "\n"
        text += WireByte.text( body)
        return text
    }

    private var estimatedSize: Int {
        var n = 64 + body.count
        for field in headers { n += field.lineRange.count + 2 }
        return n
    }

    private func appendStartLine(to out: inout [UInt8]) {
        switch self {
        case .request(let r):
            // Parsed values never hold CR or LF; values set in code might. Writing them
            // as SP keeps a bad value from starting a header line of its own.
            appendSingleLine(r.method.rawValue, to: &out)
            out.append(WireByte.sp)
            appendSingleLine(r.requestURI, to: &out)
            out.append(WireByte.sp)
            appendSingleLine(r.version, to: &out)
        case .response(let r):
            appendSingleLine(r.version, to: &out)
            out.append(WireByte.sp)
            // Status codes outside 100–699 are a programming error; clamp rather than write garbage.
            let code = Swift.min(Swift.max(r.statusCode, 100), 699)
            out.append(contentsOf: String(code).utf8)
            out.append(WireByte.sp)
            for c in r.reasonPhraseBytes { out.append(c == WireByte.cr || c == WireByte.lf ? WireByte.sp : c) }
        }
        out.append(WireByte.cr)
        out.append(WireByte.lf)
    }

    private func appendSingleLine(_ text: String, to out: inout [UInt8]) {
        for c in text.utf8 { out.append(c == WireByte.cr || c == WireByte.lf ? WireByte.sp : c) }
    }

    private func appendRaw(_ field: SIPHeaderField, to out: inout [UInt8]) {
        let raw = field.rawLine
        guard field.hasBareLF else {
            out.append(contentsOf: raw)
            return
        }
        var previous: UInt8 = 0
        for c in raw {
            if c == WireByte.lf, previous != WireByte.cr { out.append(WireByte.cr) }
            out.append(c)
            previous = c
        }
    }
}

/// Decides, once per serialization, what to do with each Content-Length field.
private struct ContentLengthPlan {
    enum Action { case keep, drop, rewrite }

    /// Index of the Content-Length field to keep or rewrite, if any.
    private let chosen: Int?
    private let chosenIsCorrect: Bool
    let appendAtEnd: Bool

    init(headers: SIPHeaders, bodyCount: Int) {
        let first = headers.firstIndex { $0.nameID == HeaderNameTable.contentLength }
        chosen = first
        appendAtEnd = first == nil
        if let first {
            chosenIsCorrect = headers[first].contentLengthValue(limit: Int.max) == bodyCount
        } else {
            chosenIsCorrect = false
        }
    }

    func action(for index: Int, _ field: SIPHeaderField) -> Action {
        guard field.nameID == HeaderNameTable.contentLength else { return .keep }
        guard index == chosen else { return .drop }
        return chosenIsCorrect ? .keep : .rewrite
    }
}

extension SIPMessage: CustomStringConvertible {
    /// The `canonicalText` rendering.
    public var description: String { canonicalText }
}
