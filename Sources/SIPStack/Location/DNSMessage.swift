import SIPMessage

/// A parsed DNS message: header flags, questions and the records of known types.
public struct DNSMessage: Sendable, Hashable {
    static let headerLength = 12
    /// The smallest possible resource record: root name, type, class, TTL, RDLENGTH.
    static let minimumRecordLength = 11

    public var id: UInt16
    /// QR: a response rather than a query.
    public var isResponse: Bool
    /// TC: the answer did not fit in the datagram; ask again over TCP.
    public var isTruncated: Bool
    public var isAuthoritative: Bool
    /// 0 no error, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED …
    public var rcode: UInt8
    /// The questions whose type is one of `DNSRecordType`; `questionCount` counts them all.
    public var questions: [DNSQuestion]
    public var questionCount: Int
    public var answers: [DNSRecord]
    public var authority: [DNSRecord]
    public var additional: [DNSRecord]

    public static let noError: UInt8 = 0
    public static let nameError: UInt8 = 3
}

extension DNSMessage {
    /// Parses a message. Records of unknown types are skipped; a truncated (TC) message
    /// keeps the records that arrived whole.
    public static func parse(_ bytes: [UInt8]) throws(DNSParseError) -> DNSMessage {
        let reader = DNSReader(bytes: bytes)
        guard bytes.count >= headerLength else { throw DNSParseError(.truncated, at: bytes.count) }
        let flags = try reader.uint16(at: 2)
        var message = DNSMessage(
            id: try reader.uint16(at: 0), isResponse: flags & 0x8000 != 0, isTruncated: flags & 0x0200 != 0,
            isAuthoritative: flags & 0x0400 != 0, rcode: UInt8(flags & 0x000F), questions: [],
            questionCount: Int(try reader.uint16(at: 4)), answers: [], authority: [], additional: [])
        let counts = [Int(try reader.uint16(at: 6)), Int(try reader.uint16(at: 8)), Int(try reader.uint16(at: 10))]
        // A question takes at least 5 bytes and a record 11: refuse counts the bytes cannot hold
        // before doing any work for them.
        let room = bytes.count - headerLength
        guard message.questionCount * 5 <= room else { throw DNSParseError(.tooManyRecords, at: 4) }
        if !message.isTruncated {
            guard message.questionCount * 5 + counts.reduce(0, +) * minimumRecordLength <= room else {
                throw DNSParseError(.tooManyRecords, at: 6)
            }
        }
        var offset = headerLength
        for _ in 0..<message.questionCount {
            let (name, next) = try reader.name(at: offset)
            let type = try reader.uint16(at: next)
            _ = try reader.uint16(at: next + 2)
            if let known = DNSRecordType(rawValue: type) { message.questions.append(DNSQuestion(name: name, type: known)) }
            offset = next + 4
        }
        var sections: [[DNSRecord]] = [[], [], []]
        reading: for section in 0..<3 {
            for _ in 0..<counts[section] {
                do {
                    let (record, next) = try readRecord(reader, at: offset)
                    if let record { sections[section].append(record) }
                    offset = next
                } catch let error where message.isTruncated && error.kind == .truncated {
                    break reading
                }
            }
        }
        (message.answers, message.authority, message.additional) = (sections[0], sections[1], sections[2])
        return message
    }

    /// Parses the answer to `query`: it must be a response with the query's id and question.
    public static func parseResponse(_ bytes: [UInt8], to query: DNSQuery) throws(DNSParseError) -> DNSMessage {
        let message = try parse(bytes)
        guard message.isResponse else { throw DNSParseError(.notAResponse, at: 2) }
        guard message.id == query.id else { throw DNSParseError(.idMismatch, at: 0) }
        guard message.questionCount == 1, message.questions.first == query.question else {
            throw DNSParseError(.questionMismatch, at: headerLength)
        }
        return message
    }

    /// One resource record; nil (but consumed) when its type is not one we read.
    static func readRecord(_ reader: DNSReader, at offset: Int) throws(DNSParseError) -> (DNSRecord?, next: Int) {
        let (name, afterName) = try reader.name(at: offset)
        let rawType = try reader.uint16(at: afterName)
        let rawClass = try reader.uint16(at: afterName + 2)
        let ttl = try reader.uint32(at: afterName + 4)
        let length = Int(try reader.uint16(at: afterName + 8))
        let start = afterName + 10
        let end = start + length
        guard end <= reader.bytes.count else { throw DNSParseError(.truncated, at: afterName + 8) }
        guard rawClass == 1, let type = DNSRecordType(rawValue: rawType) else { return (nil, end) }
        let data = try readData(type, reader, start: start, end: end)
        // RFC 2181 §8: a TTL with the top bit set is read as zero.
        let record = DNSRecord(name: name, ttl: ttl & 0x8000_0000 == 0 ? ttl : 0, data: data)
        return (record, end)
    }

    static func readData(_ type: DNSRecordType, _ reader: DNSReader, start: Int, end: Int) throws(DNSParseError) -> DNSRecordData {
        func nameFilling(at i: Int) throws(DNSParseError) -> String {
            let (name, next) = try reader.name(at: i)
            guard next == end else { throw DNSParseError(.badRecordLength, at: i) }
            return name
        }
        switch type {
        case .a:
            guard end - start == 4 else { throw DNSParseError(.badRecordLength, at: start) }
            return .a(Host.IPv4Address(reader.bytes[start], reader.bytes[start + 1], reader.bytes[start + 2],
                                       reader.bytes[start + 3]).description)
        case .aaaa:
            guard end - start == 16 else { throw DNSParseError(.badRecordLength, at: start) }
            return .aaaa(Host.IPv6Address(octets: Array(try reader.slice(at: start, count: 16))).description)
        case .cname:
            return .cname(try nameFilling(at: start))
        case .srv:
            guard end - start >= 7 else { throw DNSParseError(.badRecordLength, at: start) }
            return .srv(SRVRecord(priority: try reader.uint16(at: start), weight: try reader.uint16(at: start + 2),
                                  port: try reader.uint16(at: start + 4), target: try nameFilling(at: start + 6)))
        case .naptr:
            guard end - start >= 7 else { throw DNSParseError(.badRecordLength, at: start) }
            let (flags, afterFlags) = try reader.characterString(at: start + 4, end: end)
            let (services, afterServices) = try reader.characterString(at: afterFlags, end: end)
            let (regexp, afterRegexp) = try reader.characterString(at: afterServices, end: end)
            return .naptr(NAPTRRecord(order: try reader.uint16(at: start), preference: try reader.uint16(at: start + 2),
                                      flags: flags, services: services, regexp: regexp,
                                      replacement: try nameFilling(at: afterRegexp)))
        case .soa:
            let (_, afterMName) = try reader.name(at: start)
            let (_, afterRName) = try reader.name(at: afterMName)
            guard afterRName + 20 == end else { throw DNSParseError(.badRecordLength, at: start) }
            return .soa(minimum: try reader.uint32(at: afterRName + 16))
        }
    }
}
