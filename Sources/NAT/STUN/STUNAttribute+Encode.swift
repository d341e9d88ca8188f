extension STUNAttribute {
    /// The value bytes, unpadded.
    func encodedValue(transactionID id: STUNTransactionID) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)] }
        func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(truncatingIfNeeded: v)] }
        func code(_ code: Int) -> [UInt8] {
            let clamped = min(max(code, 300), 699)
            return [UInt8(clamped / 100), UInt8(clamped % 100)]
        }
        func algorithm(_ a: STUNPasswordAlgorithm) -> [UInt8] {
            let parameters = Array(a.parameters.prefix(0xffff))
            return be16(a.algorithm) + be16(UInt16(parameters.count)) + parameters
                + [UInt8](repeating: 0, count: (4 - parameters.count % 4) % 4)
        }
        switch self {
        case .mappedAddress(let a), .alternateServer(let a): return STUNAddressCodec.encode(a, xor: false, transactionID: id)
        case .xorMappedAddress(let a), .xorPeerAddress(let a), .xorRelayedAddress(let a):
            return STUNAddressCodec.encode(a, xor: true, transactionID: id)
        case .username(let s), .realm(let s), .nonce(let s), .software(let s): return Array(s.utf8)
        case .userhash(let b), .messageIntegrity(let b), .messageIntegritySHA256(let b), .data(let b), .reservationToken(let b):
            return b
        case .fingerprint(let v), .lifetime(let v), .priority(let v): return be32(v)
        case .errorCode(let c, let reason): return [0, 0] + code(c) + Array(reason.utf8)
        case .addressErrorCode(let family, let c, let reason): return [family, 0] + code(c) + Array(reason.utf8)
        case .passwordAlgorithms(let list): return list.flatMap(algorithm)
        case .passwordAlgorithm(let a): return Array(algorithm(a).prefix(4 + a.parameters.count))
        case .unknownAttributes(let types): return types.flatMap(be16)
        case .channelNumber(let n): return be16(n) + [0, 0]
        case .requestedAddressFamily(let f), .additionalAddressFamily(let f), .requestedTransport(let f): return [f, 0, 0, 0]
        case .evenPort(let reserve): return [reserve ? 0x80 : 0]
        case .dontFragment, .useCandidate: return []
        case .icmp(let type, let code, let data): return [0, 0, type, code] + be32(data)
        case .iceControlled(let t), .iceControlling(let t): return be32(UInt32(t >> 32)) + be32(UInt32(truncatingIfNeeded: t))
        case .other(_, let value): return value
        }
    }
}
