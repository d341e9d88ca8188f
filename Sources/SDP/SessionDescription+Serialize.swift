extension SessionDescription {
    /// The description in canonical form: CRLF line ends, lines in RFC 8866 §5 order,
    /// single spaces. Parsing the result gives back an equal value.
    public func serialized() -> String {
        var out = SDPWriter()
        out.line("v", String(protocolVersion))
        let o = origin
        out.line("o", "\(o.username) \(o.sessionID) \(o.sessionVersion) \(o.networkType) \(o.addressType) \(o.address)")
        out.line("s", sessionName.isEmpty ? " " : sessionName)
        if let information { out.line("i", information) }
        if let uri { out.line("u", uri) }
        for e in emails { out.line("e", e) }
        for p in phones { out.line("p", p) }
        if let connection { out.line("c", connection.text) }
        for b in bandwidths { out.line("b", b.text) }
        for t in timings.isEmpty ? [.unbounded] : timings {
            out.line("t", "\(t.start) \(t.stop)")
            for r in t.repeats { out.line("r", r) }
        }
        if let timeZones { out.line("z", timeZones) }
        if let encryptionKey { out.line("k", encryptionKey) }
        for a in attributes { out.line("a", a.text) }
        for m in media {
            let port = m.portCount.map { "\(m.port)/\($0)" } ?? String(m.port)
            out.line("m", ([m.media, port, m.proto.rawValue] + m.formats).joined(separator: " "))
            if let i = m.information { out.line("i", i) }
            for c in m.connections { out.line("c", c.text) }
            for b in m.bandwidths { out.line("b", b.text) }
            if let k = m.encryptionKey { out.line("k", k) }
            for a in m.attributes { out.line("a", a.text) }
        }
        return out.text
    }

    /// The canonical text (same as `serialized()`), handy for logs and comparisons.
    public var canonicalText: String { serialized() }
}

extension Connection {
    var text: String {
        var a = address
        if let ttl { a += "/\(ttl)" }
        if let addressCount { a += "/\(addressCount)" }
        return "\(networkType) \(addressType) \(a)"
    }
}

extension Bandwidth {
    var text: String { "\(modifier):\(value)" }
}

/// Builds the text; control characters that would end a line early become spaces, so a
/// value set from configuration cannot inject lines.
private struct SDPWriter {
    var text = ""

    mutating func line(_ type: Character, _ value: String) {
        text.append(type)
        text.append("=")
        for c in value.unicodeScalars {
            text.unicodeScalars.append(c == "\r" || c == "\n" || c == "\0" ? " " : c)
        }
        text.append("\r\n")
    }
}
