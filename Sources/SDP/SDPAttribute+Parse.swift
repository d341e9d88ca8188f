/// Reading one `a=` line's value into a typed attribute. Typed attributes are read
/// strictly: a malformed `rtpmap` or `crypto` changes what the call does, so it is refused
/// with the line named rather than guessed at.
extension SDPAttribute {
    /// Reads one attribute from the text after `a=` — e.g. a trickled `candidate:…` line
    /// (RFC 8840) that arrives outside a whole description. Errors name line 1.
    public static func parse(_ text: String) throws(SDPParseError) -> SDPAttribute {
        let bytes = Array(text.utf8)
        if let bad = bytes.firstIndex(where: { $0 == 0 || $0 == ASCII.cr || $0 == ASCII.lf }) {
            throw SDPParseError(line: 1, offset: bad, reason: "control character in attribute")
        }
        return try parse(bytes[...].trimmedEnd, lineNumber: 1)
    }

    /// `line` is everything after `a=` (trailing whitespace already removed).
    static func parse(_ line: Bytes, lineNumber: Int) throws(SDPParseError) -> SDPAttribute {
        let reader = FieldReader(lineNumber: lineNumber, lineOffset: line.startIndex)
        let (nameBytes, valueBytes): (Bytes, Bytes?) =
            if let (n, v) = line.splitOnce(ASCII.colon) { (n, v) } else { (line, nil) }
        guard nameBytes.isToken else {
            throw reader.error(at: line.startIndex, "attribute name is empty or not a token")
        }
        let name = nameBytes.text
        switch name.lowercased() {
        case "sendrecv", "sendonly", "recvonly", "inactive":
            try reader.noValue(valueBytes, name)
            return .direction(Direction(rawValue: name.lowercased()) ?? .sendrecv)
        case "rtcp-mux":
            try reader.noValue(valueBytes, name)
            return .rtcpMux
        case "ice-lite":
            try reader.noValue(valueBytes, name)
            return .iceLite
        case "end-of-candidates":
            try reader.noValue(valueBytes, name)
            return .endOfCandidates
        case "rtpmap":
            return .rtpmap(try reader.rtpmap(try reader.value(valueBytes, name)))
        case "fmtp":
            return .fmtp(try reader.fmtp(try reader.value(valueBytes, name)))
        case "ptime", "maxptime":
            let v = try reader.value(valueBytes, name).trimmed
            // RFC 8866 allows a real number; whole milliseconds (what phones send) are
            // typed, a fraction is kept as sent rather than rounded.
            guard let ms = v.decimal, ms <= UInt64(UInt32.max) else {
                guard v.isDecimalFraction else {
                    throw reader.error(at: v.startIndex, "\(name) is not a number of milliseconds")
                }
                return .other(name: name, value: valueBytes?.text)
            }
            return name.lowercased() == "ptime" ? .ptime(UInt32(ms)) : .maxptime(UInt32(ms))
        case "rtcp":
            return .rtcp(try reader.rtcp(try reader.value(valueBytes, name)))
        case "crypto":
            return .crypto(try reader.crypto(try reader.value(valueBytes, name)))
        case "ice-ufrag", "ice-pwd", "mid":
            let v = try reader.value(valueBytes, name)
            let fields = v.fields
            guard fields.count == 1, let only = fields.first else {
                throw reader.error(at: v.startIndex, "\(name) must be one word")
            }
            switch name.lowercased() {
            case "ice-ufrag": return .iceUfrag(only.text)
            case "ice-pwd": return .icePwd(only.text)
            default: return .mid(only.text)
            }
        case "ice-options":
            let v = try reader.value(valueBytes, name)
            let tags = v.fields.map(\.text)
            guard !tags.isEmpty else { throw reader.error(at: v.startIndex, "ice-options without options") }
            return .iceOptions(tags)
        case "candidate":
            return .candidate(try reader.candidate(try reader.value(valueBytes, name)))
        case "group":
            let v = try reader.value(valueBytes, name)
            let fields = v.fields
            guard let semantics = fields.first else { throw reader.error(at: v.startIndex, "group without semantics") }
            return .group(Group(semantics: semantics.text, ids: fields.dropFirst().map(\.text)))
        default:
            return .other(name: name, value: valueBytes?.text)
        }
    }
}
