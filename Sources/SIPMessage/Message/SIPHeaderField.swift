/// One header field: its name as received, its value, and where it came from.
///
/// A parsed field keeps ranges into the message's byte buffer (shared, not copied), so
/// parsing allocates no strings; `name` and `value` are decoded when asked for. The raw
/// line is kept so the serializer reproduces unknown and odd-looking fields byte-for-byte.
public struct SIPHeaderField: Sendable {
    /// The bytes this field's ranges point into: the whole message for a parsed field,
    /// or just `Name: value` for a field built in code.
    let storage: [UInt8]
    /// The name as received (no surrounding whitespace).
    let nameRange: Range<Int>
    /// The value with leading and trailing whitespace trimmed; may span folded lines.
    let valueRange: Range<Int>
    /// The whole field as received, from the name to before the final line break.
    let lineRange: Range<Int>
    /// The value contains line folding (CRLF or LF followed by SP/HTAB).
    let isFolded: Bool
    /// The raw line uses a bare LF somewhere, so it is re-terminated when serialized.
    let hasBareLF: Bool
    /// Index into `HeaderNameTable.canonical`, or `HeaderNameTable.unknown`.
    let nameID: Int16

    /// Byte offset of the field's first byte in the parsed message; `nil` for fields built in code.
    public let offset: Int?

    init(
        storage: [UInt8], nameRange: Range<Int>, valueRange: Range<Int>, lineRange: Range<Int>,
        isFolded: Bool, hasBareLF: Bool, offset: Int?
    ) {
        self.storage = storage
        self.nameRange = nameRange
        self.valueRange = valueRange
        self.lineRange = lineRange
        self.isFolded = isFolded
        self.hasBareLF = hasBareLF
        self.nameID = HeaderNameTable.id(in: storage, nameRange)
        self.offset = offset
    }

    /// A field built in code. The name should be a token and the value should not contain
    /// line breaks; so that a field can never inject another header or break framing, any
    /// name byte outside `token` becomes `-` (an empty name becomes `-`) and any CR or LF
    /// in the value becomes a space.
    public init(name: String, value: String) {
        var bytes = name.utf8.map { WireByte.isToken($0) ? $0 : WireByte.dash }
        if bytes.isEmpty { bytes = [WireByte.dash] }
        let nameEnd = bytes.count
        bytes.append(WireByte.colon)
        bytes.append(WireByte.sp)
        let valueStart = bytes.count
        for c in value.utf8 {
            bytes.append(c == WireByte.cr || c == WireByte.lf ? WireByte.sp : c)
        }
        var lo = valueStart
        var hi = bytes.count
        while lo < hi, WireByte.isWSP(bytes[lo]) { lo += 1 }
        while hi > lo, WireByte.isWSP(bytes[hi - 1]) { hi -= 1 }
        self.init(
            storage: bytes, nameRange: 0..<nameEnd, valueRange: lo..<hi, lineRange: 0..<bytes.count,
            isFolded: false, hasBareLF: false, offset: nil)
    }

    /// The name exactly as received, e.g. `v`, `MaX-fOrWaRdS`.
    public var name: String { WireByte.text( storage[nameRange]) }

    /// The full canonical name: compact forms expanded and case as RFC 3261 writes it for
    /// known headers (`v` → `Via`, `cseq` → `CSeq`); unknown names as received.
    public var canonicalName: String {
        nameID >= 0 ? HeaderNameTable.canonical[Int(nameID)] : name
    }

    /// Whether this field's name is `name`, ignoring case and treating compact forms as
    /// their long forms.
    public func hasName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return matches(id: HeaderNameTable.id(in: bytes, 0..<bytes.count), bytes: bytes)
    }

    func matches(id: Int16, bytes: [UInt8]) -> Bool {
        if id >= 0 { return nameID == id }
        return nameID < 0 && HeaderNameTable.equalIgnoringCase(storage, nameRange, bytes, 0..<bytes.count)
    }

    /// The value with folding removed (each line break and the whitespace around it becomes
    /// one space) and surrounding whitespace trimmed. Bytes that are not UTF-8 are shown as
    /// U+FFFD; `valueBytes` has them exactly.
    public var value: String { WireByte.text( valueBytes) }

    /// The unfolded value as bytes.
    public var valueBytes: [UInt8] {
        isFolded ? unfolded() : Array(storage[valueRange])
    }

    private func unfolded() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(valueRange.count)
        var i = valueRange.lowerBound
        while i < valueRange.upperBound {
            let c = storage[i]
            if c == WireByte.cr || c == WireByte.lf {
                while let last = out.last, WireByte.isWSP(last) { out.removeLast() }
                i += 1
                while i < valueRange.upperBound,
                    storage[i] == WireByte.lf || WireByte.isWSP(storage[i]) || storage[i] == WireByte.cr
                {
                    i += 1
                }
                out.append(WireByte.sp)
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }

    /// The field as received, without its final line break.
    var rawLine: ArraySlice<UInt8> { storage[lineRange] }

    /// The value as a Content-Length number, if it is 1*DIGIT and at most `limit`.
    func contentLengthValue(limit: Int) -> Int? {
        guard !isFolded, !valueRange.isEmpty else { return nil }
        var n = 0
        for i in valueRange {
            let c = storage[i]
            guard WireByte.isDigit(c) else { return nil }
            let digit = Int(c &- 0x30)
            // Checked before multiplying, so no value (however long) can overflow.
            guard n <= (limit - digit) / 10 else { return nil }
            n = n * 10 + digit
        }
        return n
    }
}

extension SIPHeaderField: Equatable {
    /// Fields are equal when their names (as received) and unfolded values are equal,
    /// wherever they came from.
    public static func == (a: SIPHeaderField, b: SIPHeaderField) -> Bool {
        guard a.storage[a.nameRange].elementsEqual(b.storage[b.nameRange]) else { return false }
        if !a.isFolded && !b.isFolded {
            return a.storage[a.valueRange].elementsEqual(b.storage[b.valueRange])
        }
        return a.valueBytes == b.valueBytes
    }
}

extension SIPHeaderField: CustomStringConvertible {
    public var description: String { "\(canonicalName): \(value)" }
}
