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
        // Let go of `current` while `m` is edited, so appends do not copy the arrays.
        current = nil
        defer { if current == nil { current = m } }
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
            current = m
            try startMedia(line, r)
        case "v", "o", "s", "u", "e", "p", "t", "r", "z":
            throw r.error(at: line.offset, "\(letter)= is not allowed inside a media description")
        default:
            throw r.error(at: line.offset, "unknown line type \(letter)=")
        }
    }

    private mutating func startMedia(_ line: SDPLine, _ r: FieldReader) throws(SDPParseError) {
        if let m = current { media.append(m) }
        guard media.count < limits.maxMediaDescriptions else {
            throw r.error(at: line.offset, "more than \(limits.maxMediaDescriptions) m= lines")
        }
        current = try r.media(line.value)
    }

    /// Two different direction attributes, or two different rtpmaps for one payload type,
    /// at one level leave the meaning open: refuse them. An exact repeat is harmless.
    private func checkUnique(_ a: SDPAttribute, in existing: [SDPAttribute], _ r: FieldReader, _ line: SDPLine) throws(SDPParseError) {
        let clash: String? = switch a {
        case .direction:
            existing.contains { if case .direction = $0 { $0 != a } else { false } } ? "second direction attribute" : nil
        case .rtpmap(let new):
            existing.contains { if case .rtpmap(let old) = $0 { old.payloadType == new.payloadType && old != new } else { false } }
                ? "second rtpmap for payload type \(new.payloadType)" : nil
        case .fmtp(let new):
            existing.contains { if case .fmtp(let old) = $0 { old.format == new.format && old != new } else { false } }
                ? "second fmtp for format \(new.format)" : nil
        case .crypto(let new):
            existing.contains { if case .crypto(let old) = $0 { old.tag == new.tag && old != new } else { false } }
                ? "second crypto line with tag \(new.tag)" : nil
        case .ptime, .maxptime, .rtcp, .mid, .iceUfrag, .icePwd:
            existing.contains { $0.name == a.name && $0 != a } ? "second a=\(a.name)" : nil
        case .other(let name, _) where ["ptime", "maxptime"].contains(name.lowercased()):
            existing.contains { $0.name.lowercased() == name.lowercased() && $0 != a } ? "second a=\(name)" : nil
        default: nil
        }
        if let clash { throw r.error(at: line.offset, clash) }
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
            origin: origin, sessionName: sessionName ?? "-",
            information: information, uri: uri, emails: emails, phones: phones, connection: connection,
            bandwidths: bandwidths, timings: timings.isEmpty ? [.unbounded] : timings,
            timeZones: timeZones, encryptionKey: encryptionKey, attributes: attributes, media: media)
    }
}
