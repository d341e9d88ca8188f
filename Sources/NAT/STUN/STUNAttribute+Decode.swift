extension STUNAttribute {
    /// Decodes one attribute value. Known types with a wrong size or content throw
    /// `.malformedAttribute`; unknown types become `.other`.
    static func decode(type: UInt16, value v: UnsafeRawBufferPointer, transactionID: STUNTransactionID) throws(STUNParseError) -> STUNAttribute {
        func need(_ ok: Bool) throws(STUNParseError) { if !ok { throw .malformedAttribute(type: type) } }
        func text() -> String { String(decoding: v, as: UTF8.self) }
        func u32(at i: Int = 0) -> UInt32 { STUNWire.u32(v, i) }
        func u64() -> UInt64 { UInt64(u32()) << 32 | UInt64(u32(at: 4)) }
        func address(xor: Bool) throws(STUNParseError) -> TransportAddress {
            guard let a = STUNAddressCodec.decode(v, xor: xor, transactionID: transactionID) else { throw .malformedAttribute(type: type) }
            return a
        }
        typealias C = Code
        switch type {
        case C.mappedAddress: return .mappedAddress(try address(xor: false))
        case C.xorMappedAddress: return .xorMappedAddress(try address(xor: true))
        case C.alternateServer: return .alternateServer(try address(xor: false))
        case C.xorPeerAddress: return .xorPeerAddress(try address(xor: true))
        case C.xorRelayedAddress: return .xorRelayedAddress(try address(xor: true))
        case C.username: return .username(text())
        case C.realm: return .realm(text())
        case C.nonce: return .nonce(text())
        case C.software: return .software(text())
        case C.userhash:
            try need(v.count == 32)
            return .userhash(Array(v))
        case C.messageIntegrity:
            try need(v.count == 20)
            return .messageIntegrity(Array(v))
        case C.messageIntegritySHA256:
            try need(v.count >= 16 && v.count <= 32 && v.count % 4 == 0)
            return .messageIntegritySHA256(Array(v))
        case C.fingerprint:
            try need(v.count == 4)
            return .fingerprint(u32())
        case C.errorCode, C.addressErrorCode:
            try need(v.count >= 4)
            let code = Int(v[2] & 0x07) * 100 + Int(v[3])
            try need((300...699).contains(code))
            let reason = String(decoding: UnsafeRawBufferPointer(rebasing: v[4...]), as: UTF8.self)
            return type == C.errorCode ? .errorCode(code: code, reason: reason) : .addressErrorCode(family: v[0], code: code, reason: reason)
        case C.passwordAlgorithm:
            guard let (algorithm, end) = decodeAlgorithm(v, at: 0), end >= v.count else { throw .malformedAttribute(type: type) }
            return .passwordAlgorithm(algorithm)
        case C.passwordAlgorithms:
            var list: [STUNPasswordAlgorithm] = []
            var offset = 0
            while offset < v.count {
                guard let (algorithm, end) = decodeAlgorithm(v, at: offset) else { throw .malformedAttribute(type: type) }
                list.append(algorithm)
                offset = end
            }
            return .passwordAlgorithms(list)
        case C.unknownAttributes:
            try need(v.count % 2 == 0)
            return .unknownAttributes(stride(from: 0, to: v.count, by: 2).map { STUNWire.u16(v, $0) })
        case C.channelNumber:
            try need(v.count == 4)
            return .channelNumber(STUNWire.u16(v, 0))
        case C.lifetime:
            try need(v.count == 4)
            return .lifetime(u32())
        case C.data: return .data(Array(v))
        case C.requestedAddressFamily, C.additionalAddressFamily, C.requestedTransport:
            try need(v.count == 4)
            return type == C.requestedTransport ? .requestedTransport(v[0])
                : type == C.requestedAddressFamily ? .requestedAddressFamily(v[0]) : .additionalAddressFamily(v[0])
        case C.evenPort:
            try need(v.count == 1)
            return .evenPort(reserveNext: v[0] & 0x80 != 0)
        case C.dontFragment:
            try need(v.isEmpty)
            return .dontFragment
        case C.reservationToken:
            try need(v.count == 8)
            return .reservationToken(Array(v))
        case C.icmp:
            try need(v.count == 8)
            return .icmp(type: v[2], code: v[3], data: u32(at: 4))
        case C.priority:
            try need(v.count == 4)
            return .priority(u32())
        case C.useCandidate:
            try need(v.isEmpty)
            return .useCandidate
        case C.iceControlled, C.iceControlling:
            try need(v.count == 8)
            return type == C.iceControlled ? .iceControlled(tieBreaker: u64()) : .iceControlling(tieBreaker: u64())
        default:
            return .other(type: type, value: Array(v))
        }
    }

    /// One algorithm entry (type, parameter length, padded parameters); nil if it overruns.
    private static func decodeAlgorithm(_ v: UnsafeRawBufferPointer, at offset: Int) -> (STUNPasswordAlgorithm, Int)? {
        guard v.count - offset >= 4 else { return nil }
        let algorithm = STUNWire.u16(v, offset), length = Int(STUNWire.u16(v, offset + 2))
        let start = offset + 4
        guard length <= v.count - start else { return nil }
        let parameters = Array(UnsafeRawBufferPointer(rebasing: v[start..<(start + length)]))
        return (STUNPasswordAlgorithm(algorithm: algorithm, parameters: parameters), min(v.count, start + (length + 3) & ~3))
    }
}
