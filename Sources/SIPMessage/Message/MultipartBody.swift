/// A multipart body (RFC 2046 §5.1), e.g. `multipart/mixed` carrying SDP and another part.
public struct MultipartBody: Sendable, Equatable {
    /// One body part: its own header fields and its content.
    public struct Part: Sendable, Equatable {
        public var headers: SIPHeaders
        public var body: [UInt8]

        public init(headers: SIPHeaders = SIPHeaders(), body: [UInt8]) {
            self.headers = headers
            self.body = body
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// Splits `body` at `--boundary` delimiter lines. A preamble before the first delimiter
    /// and an epilogue after the closing `--boundary--` are ignored; whitespace after a
    /// delimiter is tolerated. Each part's header section ends at its first empty line (a
    /// part may have none). Errors carry offsets within `body`.
    public static func parse(body: [UInt8], boundary: String, limits: SIPLimits = .init()) throws(SIPParseError) -> MultipartBody {
        let delimiter = Array(boundary.utf8)
        // RFC 2046 caps boundaries at 70 characters; the cap also keeps the scan linear.
        guard (1...70).contains(delimiter.count) else {
            throw SIPParseError(.malformedMultipart, at: 0, "boundary must be 1–70 characters")
        }
        var delimiters: [(lineStart: Int, contentStart: Int, isClose: Bool)] = []
        var lineStart = 0
        while lineStart < body.count {
            if let found = delimiterLine(body, at: lineStart, delimiter) {
                delimiters.append((lineStart, found.next, found.isClose))
                if found.isClose { break }
                guard delimiters.count <= limits.maxMultipartParts else {
                    throw SIPParseError(.tooManyParts, at: lineStart, "more than \(limits.maxMultipartParts) body parts")
                }
            }
            while lineStart < body.count, body[lineStart] != WireByte.lf { lineStart += 1 }
            lineStart += 1
        }
        guard let last = delimiters.last, last.isClose else {
            throw SIPParseError(.malformedMultipart, at: body.count, "no closing --\(boundary)-- delimiter")
        }
        guard delimiters.count >= 2 else {
            throw SIPParseError(.malformedMultipart, at: last.lineStart, "multipart body has no parts")
        }
        var parts: [Part] = []
        parts.reserveCapacity(delimiters.count - 1)
        for k in 0..<(delimiters.count - 1) {
            let start = delimiters[k].contentStart
            // The line break before the next delimiter belongs to the delimiter.
            var end = delimiters[k + 1].lineStart
            if end > start, body[end - 1] == WireByte.lf { end -= 1 }
            if end > start, body[end - 1] == WireByte.cr { end -= 1 }
            let content = Array(body[start..<Swift.max(start, end)])
            let (fields, bodyStart) = try HeaderScanner.scan(
                content + [WireByte.cr, WireByte.lf, WireByte.cr, WireByte.lf], from: 0, limits: limits, base: start)
            let partBody = bodyStart <= content.count ? Array(content[bodyStart...]) : []
            parts.append(Part(headers: SIPHeaders(fields), body: partBody))
        }
        return MultipartBody(parts: parts)
    }

    /// If a line starting at `i` is `--boundary` or `--boundary--` (optionally followed by
    /// whitespace), where its content starts (after the line break) and whether it closes.
    private static func delimiterLine(_ b: [UInt8], at i: Int, _ d: [UInt8]) -> (next: Int, isClose: Bool)? {
        guard i + 2 + d.count <= b.count, b[i] == WireByte.dash, b[i + 1] == WireByte.dash else { return nil }
        for k in 0..<d.count where b[i + 2 + k] != d[k] { return nil }
        var j = i + 2 + d.count
        var isClose = false
        if j + 2 <= b.count, b[j] == WireByte.dash, b[j + 1] == WireByte.dash {
            isClose = true
            j += 2
        }
        while j < b.count, WireByte.isWSP(b[j]) { j += 1 }
        if j == b.count { return (j, isClose) }
        if b[j] == WireByte.lf { return (j + 1, isClose) }
        if b[j] == WireByte.cr, j + 1 < b.count, b[j + 1] == WireByte.lf { return (j + 2, isClose) }
        return nil
    }

    /// The `boundary` parameter of a Content-Type value such as
    /// `multipart/mixed;boundary="unique-boundary-1"`, unquoted; nil if absent. Semicolons
    /// inside a quoted value do not end it.
    public static func boundary(fromContentType value: String) -> String? {
        for param in splitParameters(Array(value.utf8)).dropFirst() {
            guard let eq = param.firstIndex(of: WireByte.equals) else { continue }
            let name = WireByte.text( trimmed(param[..<eq])).lowercased()
            guard name == "boundary" else { continue }
            var v = trimmed(param[(eq + 1)...])
            if v.count >= 2, v.first == WireByte.dquote, v.last == WireByte.dquote {
                v = v.dropFirst().dropLast()
            }
            return v.isEmpty ? nil : WireByte.text( v)
        }
        return nil
    }

    /// Splits at semicolons outside double quotes (backslash escapes honoured).
    private static func splitParameters(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        var inQuotes = false
        var escaped = false
        for (i, c) in bytes.enumerated() {
            if escaped {
                escaped = false
            } else if inQuotes, c == WireByte.backslash {
                escaped = true
            } else if c == WireByte.dquote {
                inQuotes.toggle()
            } else if c == WireByte.semicolon, !inQuotes {
                out.append(bytes[start..<i])
                start = i + 1
            }
        }
        out.append(bytes[start...])
        return out
    }

    private static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = s
        while let f = s.first, WireByte.isWSP(f) { s = s.dropFirst() }
        while let l = s.last, WireByte.isWSP(l) { s = s.dropLast() }
        return s
    }

    /// The body bytes for these parts with `boundary`, parts written as
    /// `--boundary CRLF headers CRLF body CRLF`, closed by `--boundary--` CRLF.
    public func serialized(boundary: String) -> [UInt8] {
        var out: [UInt8] = []
        for part in parts {
            out.append(contentsOf: "--\(boundary)\r\n".utf8)
            for field in part.headers {
                out.append(contentsOf: field.storage[field.nameRange])
                out.append(contentsOf: ": ".utf8)
                out.append(contentsOf: field.valueBytes)
                out.append(contentsOf: [WireByte.cr, WireByte.lf])
            }
            out.append(contentsOf: [WireByte.cr, WireByte.lf])
            out.append(contentsOf: part.body)
            out.append(contentsOf: [WireByte.cr, WireByte.lf])
        }
        out.append(contentsOf: "--\(boundary)--\r\n".utf8)
        return out
    }
}

extension SIPMessage {
    /// The body split into parts, if the Content-Type is `multipart/…` with a boundary.
    /// Nil for other bodies; throws if the multipart body is malformed.
    public func multipartBody(limits: SIPLimits = .init()) throws(SIPParseError) -> MultipartBody? {
        guard let type = headers.first("Content-Type"),
            type.lowercased().hasPrefix("multipart/"),
            let boundary = MultipartBody.boundary(fromContentType: type)
        else { return nil }
        return try MultipartBody.parse(body: body, boundary: boundary, limits: limits)
    }
}
