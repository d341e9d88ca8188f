/// Bounds-checked reading of a DNS message, including compressed names (RFC 1035 §4.1.4).
/// Every read either succeeds or throws a `DNSParseError` at the failing offset.
struct DNSReader {
    let bytes: [UInt8]

    func uint8(at i: Int) throws(DNSParseError) -> UInt8 {
        guard i >= 0, i < bytes.count else { throw DNSParseError(.truncated, at: i) }
        return bytes[i]
    }

    func uint16(at i: Int) throws(DNSParseError) -> UInt16 {
        guard i >= 0, i + 2 <= bytes.count else { throw DNSParseError(.truncated, at: i) }
        return UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
    }

    func uint32(at i: Int) throws(DNSParseError) -> UInt32 {
        guard i >= 0, i + 4 <= bytes.count else { throw DNSParseError(.truncated, at: i) }
        return UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
    }

    func slice(at i: Int, count: Int) throws(DNSParseError) -> ArraySlice<UInt8> {
        guard i >= 0, count >= 0, i + count <= bytes.count else { throw DNSParseError(.truncated, at: i) }
        return bytes[i..<(i + count)]
    }

    /// A `<character-string>`: a length byte and that many bytes, inside `end`.
    func characterString(at i: Int, end: Int) throws(DNSParseError) -> (String, next: Int) {
        let length = Int(try uint8(at: i))
        guard i + 1 + length <= end else { throw DNSParseError(.badRecordLength, at: i) }
        let data = try slice(at: i + 1, count: length)
        return (String(decoding: data, as: UTF8.self), i + 1 + length)
    }

    /// Reads a possibly compressed name starting at `start`; returns it normalized and the
    /// offset just past its in-place part. Each pointer must jump strictly backwards, before
    /// every earlier jump, so reading always ends: a pointer forward or onto itself is refused,
    /// and one back into text already read is a loop.
    func name(at start: Int) throws(DNSParseError) -> (String, next: Int) {
        var labels: [String] = []
        var position = start
        var wireLength = 0
        var next: Int?
        var limit = start  // every pointer target must lie before this
        var hops = 0
        while true {
            let length = try uint8(at: position)
            switch length & 0xC0 {
            case 0x00:
                wireLength += 1 + Int(length)
                guard wireLength <= DNSName.maxWireLength else { throw DNSParseError(.nameTooLong, at: position) }
                if length == 0 {
                    let text = labels.isEmpty ? "." : labels.joined(separator: ".")
                    return (text, next ?? position + 1)
                }
                guard labels.count < DNSName.maxLabels else { throw DNSParseError(.tooManyLabels, at: position) }
                let label = try slice(at: position + 1, count: Int(length))
                labels.append(String(decoding: label, as: UTF8.self).lowercased())
                position += 1 + Int(length)
            case 0xC0:
                let low = try uint8(at: position + 1)
                let target = Int(length & 0x3F) << 8 | Int(low)
                if next == nil { next = position + 2 }
                guard target < position else {
                    throw DNSParseError(target == position ? .pointerLoop : .badPointer, at: position)
                }
                guard target >= DNSMessage.headerLength else { throw DNSParseError(.badPointer, at: position) }
                guard target < limit else { throw DNSParseError(.pointerLoop, at: position) }
                // Pointers to pointers are legal but useless; a long chain of them only makes
                // every name that uses it cost a walk over the whole message.
                hops += 1
                guard hops <= DNSName.maxLabels else { throw DNSParseError(.tooManyPointers, at: position) }
                limit = target
                position = target
            default:
                throw DNSParseError(.reservedLabelType, at: position)
            }
        }
    }
}
