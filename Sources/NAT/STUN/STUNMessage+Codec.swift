import Hashing

extension STUNMessage {
    /// Parses one whole message (a UDP datagram or a frame from `TURNStreamFramer`).
    /// Attributes after MESSAGE-INTEGRITY other than MESSAGE-INTEGRITY-SHA256 and
    /// FINGERPRINT, and all after FINGERPRINT, are ignored (RFC 8489 §14.5, §14.7).
    public init(parsing bytes: UnsafeRawBufferPointer) throws(STUNParseError) {
        let type = try STUNWire.checkHeader(bytes)
        (method, messageClass) = Self.split(type: type)
        transactionID = STUNWire.transactionID(bytes)
        attributes = []
        var walk = STUNWire.Attributes(bytes)
        var sawIntegrity = false, sawIntegritySHA256 = false
        while let attribute = walk.next() {
            let code = attribute.type
            if code == STUNAttribute.Code.fingerprint {
                attributes.append(try .decode(type: code, value: UnsafeRawBufferPointer(rebasing: bytes[attribute.value]), transactionID: transactionID))
                break
            }
            if sawIntegritySHA256 || (sawIntegrity && code != STUNAttribute.Code.messageIntegritySHA256) { continue }
            attributes.append(try .decode(type: code, value: UnsafeRawBufferPointer(rebasing: bytes[attribute.value]), transactionID: transactionID))
            if code == STUNAttribute.Code.messageIntegrity { sawIntegrity = true }
            if code == STUNAttribute.Code.messageIntegritySHA256 { sawIntegritySHA256 = true }
        }
        if walk.malformed { throw .attributeOverrun }
    }

    public init(parsing bytes: [UInt8]) throws(STUNParseError) {
        let result: Result<STUNMessage, STUNParseError> = bytes.withUnsafeBytes { raw in
            do throws(STUNParseError) { return .success(try STUNMessage(parsing: raw)) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// The message on the wire. Any MESSAGE-INTEGRITY(-SHA256) or FINGERPRINT among
    /// `attributes` is left out; those given here are computed and appended, integrity
    /// first, in the order given, then the fingerprint. `padding` fills attribute values to
    /// 4 bytes (zero; RFC 5769's vectors use spaces).
    public func encoded(integrity: [STUNIntegrity] = [], fingerprint: Bool = false, padding: UInt8 = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        let type = messageType
        out += [UInt8(type >> 8), UInt8(truncatingIfNeeded: type), 0, 0]
        out += [0x21, 0x12, 0xa4, 0x42] + transactionID.bytes
        func append(_ type: UInt16, _ value: [UInt8]) {
            let value = value.prefix(0xffff)
            out += [UInt8(type >> 8), UInt8(truncatingIfNeeded: type), UInt8(value.count >> 8), UInt8(truncatingIfNeeded: value.count)]
            out += value
            out += [UInt8](repeating: padding, count: (4 - value.count % 4) % 4)
        }
        func setLength(_ body: Int) {
            out[2] = UInt8(truncatingIfNeeded: body >> 8)
            out[3] = UInt8(truncatingIfNeeded: body)
        }
        let computed: Set<UInt16> = [STUNAttribute.Code.messageIntegrity, STUNAttribute.Code.messageIntegritySHA256, STUNAttribute.Code.fingerprint]
        for attribute in attributes where !computed.contains(attribute.type) {
            append(attribute.type, attribute.encodedValue(transactionID: transactionID))
        }
        for item in integrity {
            // The length covers the integrity attribute itself but nothing after it (§14.5).
            setLength(out.count - STUNWire.headerSize + 4 + item.tagLength)
            append(item.attributeType, item.tag(over: out))
        }
        if fingerprint {
            setLength(out.count - STUNWire.headerSize + 8)
            let crc = STUNIntegrity.fingerprint(over: out)
            append(STUNAttribute.Code.fingerprint, [UInt8(crc >> 24), UInt8(truncatingIfNeeded: crc >> 16), UInt8(truncatingIfNeeded: crc >> 8), UInt8(truncatingIfNeeded: crc)])
        }
        setLength(out.count - STUNWire.headerSize)
        return out
    }
}
