/// A recursive query (RD set) for one question, class IN.
public struct DNSQuery: Sendable, Hashable {
    public var id: UInt16
    public var question: DNSQuestion

    public init(id: UInt16, question: DNSQuestion) {
        self.id = id
        self.question = question
    }

    /// A query with an id from `randomID` (an injected generator, so tests are repeatable).
    public init(_ question: DNSQuestion, randomID: () -> UInt16) {
        self.init(id: randomID(), question: question)
    }

    /// The message bytes: header with RD, one question, no records.
    public func encoded() throws(DNSEncodeError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(17 + question.name.utf8.count)
        out.appendUInt16(id)
        out.appendUInt16(0x0100)  // QR=0, OPCODE=QUERY, RD=1
        out.appendUInt16(1)       // QDCOUNT
        out.appendUInt16(0)
        out.appendUInt16(0)
        out.appendUInt16(0)
        out += try DNSName.encode(question.name)
        out.appendUInt16(question.type.rawValue)
        out.appendUInt16(1)       // class IN
        return out
    }
}

extension Array where Element == UInt8 {
    mutating func appendUInt16(_ v: UInt16) {
        append(UInt8(v >> 8))
        append(UInt8(v & 0xFF))
    }
}
