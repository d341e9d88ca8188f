extension SessionDescription {
    /// Reads an SDP body. Accepts LF-only line ends and trailing whitespace; refuses what
    /// would make the meaning ambiguous (repeated singleton lines, malformed typed
    /// attributes, unknown line types) with an error naming the line.
    public static func parse(_ text: String, limits: SDPLimits = .standard) throws(SDPParseError) -> SessionDescription {
        try parse(Array(text.utf8), limits: limits)
    }

    /// Reads an SDP body from bytes (see `parse(_:limits:)` for strings).
    public static func parse(_ bytes: [UInt8], limits: SDPLimits = .standard) throws(SDPParseError) -> SessionDescription {
        let lines = try SDPLineSplitter.split(bytes, limits: limits)
        var builder = SessionBuilder(limits: limits)
        for line in lines {
            try builder.read(line)
        }
        return try builder.finish(endOffset: bytes.count, lastLine: lines.last?.number ?? 0)
    }
}

/// Accumulates lines into a description, checking their order and multiplicity.
private struct SessionBuilder {
    let limits: SDPLimits
    var sawVersion = false
    var protocolVersion: UInt32 = 0
    var origin: Origin?
    var sessionName: String?
    var information: String?
    var uri: String?
    var emails: [String] = []
    var phones: [String] = []
    var connection: Connection?
    var bandwidths: [Bandwidth] = []
    var timings: [Timing] = []
    var timeZones: String?
    var encryptionKey: String?
    var attributes: [SDPAttribute] = []
    var media: [MediaDescription] = []
    var current: MediaDescription?
    var currentLine = 0

    init(limits: SDPLimits) { self.limits = limits }

    mutating func read(_ line: SDPLine) throws(SDPParseError) {
        let r = FieldReader(lineNumber: line.number, lineOffset: line.offset)
        let letter = Character(UnicodeScalar(line.type))
        guard sawVersion || line.type == UInt8(ascii: "v") else {
            throw r.error(at: line.offset, "description must start with v=")
        }
        func once<T>(_ existing: T?) throws(SDPParseError) {
            if existing != nil { throw r.error(at: line.offset, "second \(letter)= line") }
        }
        if current != nil {
            try readMedia(line, r, letter)
            return
        }
        switch letter {
        case "v":
            guard !sawVersion else { throw r.error(at: line.offset, "second v= line") }
            guard line.value.elementsEqual("0".utf8) else { throw r.error(at: line.value.startIndex, "unsupported SDP version") }
            sawVersion = true
        case "o":
            try once(origin)
            origin = try r.origin(line.value)
        case "s":
            try once(sessionName)
            sessionName = line.value.text
        case "i":
            try once(information)
            information = line.value.text
        case "u":
            try once(uri)
            uri = line.value.text
        case "e": emails.append(line.value.text)
        case "p": phones.append(line.value.text)
        case "c":
            try once(connection)
            connection = try r.connection(line.value)
        case "b": bandwidths.append(try r.bandwidth(line.value))
        case "t": timings.append(try r.timing(line.value))
        case "r":
            guard !timings.isEmpty else { throw r.error(at: line.offset, "r= without a t= before it") }
            timings[timings.count - 1].repeats.append(line.value.text)
        case "z":
            try once(timeZones)
            timeZones = line.value.text
        case "k":
            try once(encryptionKey)
            encryptionKey = line.value.text
        case "a":
            let a = try SDPAttribute.parse(line.value, lineNumber: line.number)
            try checkUnique(a, in: attributes, r, line)
            attributes.append(a)
        case "m":
            try startMedia(line, r)
        default:
            throw r.error(at: line.offset, "unknown line type \(letter)=")
        }
    }

    private mutating func readMedia(_ line: SDPLine, _ r: FieldReader, _ letter: Character) throws(SDPParseError) {
        guard var m = current else { return }
        switch letter {
        case "i":
            if m.information != nil { throw r.error(at: line.offset, "second i= line in a media description") }
            m.information = line.value.text
        case "c": m.connections.append(try r.connection(line.value))
        case "b": m.bandwidths.append(try r.bandwidth(line.value))
        case "k":
            if m.encryptionKey != nil { throw r.error(at: line.offset, "second k= line in a media description") }
            m.encryptionKey = line.value.text
        case "a":
            let a = try SDPAttribute.parse(line.value, lineNumber: line.number)
            try checkUnique(a, in: m.attributes, r, line)
            m.attributes.append(a)
        case "m":
            try startMedia(line, r)
            return
        case "v", "o", "s", "u", "e", "p", "t", "r", "z":
            throw r.error(at: line.offset, "\(letter)= is not allowed inside a media description")
        default:
            throw r.error(at: line.offset, "unknown line type \(letter)=")
        }
        current = m
    }

    private mutating func startMedia(_ line: SDPLine, _ r: FieldReader) throws(SDPParseError) {
        if let m = current { media.append(m) }
        guard media.count < limits.maxMediaDescriptions else {
            throw r.error(at: line.offset, "more than \(limits.maxMediaDescriptions) m= lines")
        }
        current = try r.media(line.value)
    }

    /// Two direction attributes, or two rtpmaps for one payload type, at one level leave
    /// the meaning open: refuse them.
    private func checkUnique(_ a: SDPAttribute, in existing: [SDPAttribute], _ r: FieldReader, _ line: SDPLine) throws(SDPParseError) {
        switch a {
        case .direction:
            for case .direction in existing { throw r.error(at: line.offset, "second direction attribute") }
        case .rtpmap(let new):
            for case .rtpmap(let old) in existing where old.payloadType == new.payloadType {
                throw r.error(at: line.offset, "second rtpmap for payload type \(new.payloadType)")
            }
        case .fmtp(let new):
            for case .fmtp(let old) in existing where old.format == new.format {
                throw r.error(at: line.offset, "second fmtp for format \(new.format)")
            }
        case .ptime, .maxptime, .rtcp, .mid, .iceUfrag, .icePwd:
            if existing.contains(where: { $0.name == a.name }) {
                throw r.error(at: line.offset, "second a=\(a.name)")
            }
        default: break
        }
    }

    mutating func finish(endOffset: Int, lastLine: Int) throws(SDPParseError) -> SessionDescription {
        if let m = current { media.append(m) }
        guard sawVersion else {
            throw SDPParseError(line: lastLine + 1, offset: endOffset, reason: "empty description (no v= line)")
        }
        guard let origin else {
            throw SDPParseError(line: lastLine + 1, offset: endOffset, reason: "no o= line")
        }
        return SessionDescription(
            protocolVersion: protocolVersion, origin: origin, sessionName: sessionName ?? "-",
            information: information, uri: uri, emails: emails, phones: phones, connection: connection,
            bandwidths: bandwidths, timings: timings.isEmpty ? [.unbounded] : timings,
            timeZones: timeZones, encryptionKey: encryptionKey, attributes: attributes, media: media)
    }
}
