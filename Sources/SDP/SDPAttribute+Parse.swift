/// Reading one `a=` line's value into a typed attribute. Typed attributes are read
/// strictly: a malformed `rtpmap` or `crypto` changes what the call does, so it is refused
/// with the line named rather than guessed at.
extension SDPAttribute {
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
            let v = try reader.value(valueBytes, name)
            let ms = try reader.number(v.trimmed, UInt32.self, "\(name) milliseconds")
            return name.lowercased() == "ptime" ? .ptime(ms) : .maxptime(ms)
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
