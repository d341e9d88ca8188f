/// A STUN attribute, typed for those of RFC 8489 (STUN), RFC 8656 (TURN) and RFC 8445
/// (ICE); any other is kept as `.other` with its raw value.
public enum STUNAttribute: Equatable, Sendable {
    case mappedAddress(TransportAddress)
    case xorMappedAddress(TransportAddress)
    case username(String)
    case userhash([UInt8])
    /// The HMAC-SHA1 value as received (encoding computes it instead, see `encoded`).
    case messageIntegrity([UInt8])
    case messageIntegritySHA256([UInt8])
    case fingerprint(UInt32)
    case errorCode(code: Int, reason: String)
    case realm(String)
    case nonce(String)
    case passwordAlgorithms([STUNPasswordAlgorithm])
    case passwordAlgorithm(STUNPasswordAlgorithm)
    case unknownAttributes([UInt16])
    case software(String)
    case alternateServer(TransportAddress)
    // TURN (RFC 8656 §18)
    case channelNumber(UInt16)
    /// Seconds.
    case lifetime(UInt32)
    case xorPeerAddress(TransportAddress)
    case data([UInt8])
    case xorRelayedAddress(TransportAddress)
    /// STUN family code (1 IPv4, 2 IPv6).
    case requestedAddressFamily(UInt8)
    case evenPort(reserveNext: Bool)
    /// IANA protocol number: 17 for UDP.
    case requestedTransport(UInt8)
    case dontFragment
    case reservationToken([UInt8])
    case additionalAddressFamily(UInt8)
    case addressErrorCode(family: UInt8, code: Int, reason: String)
    case icmp(type: UInt8, code: UInt8, data: UInt32)
    // ICE (RFC 8445 §16.1)
    case priority(UInt32)
    case useCandidate
    case iceControlled(tieBreaker: UInt64)
    case iceControlling(tieBreaker: UInt64)
    /// Any other attribute, kept raw.
    case other(type: UInt16, value: [UInt8])

    /// The attribute type codes (IANA STUN Attributes registry).
    public enum Code {
        public static let mappedAddress: UInt16 = 0x0001
        public static let username: UInt16 = 0x0006
        public static let messageIntegrity: UInt16 = 0x0008
        public static let errorCode: UInt16 = 0x0009
        public static let unknownAttributes: UInt16 = 0x000a
        public static let channelNumber: UInt16 = 0x000c
        public static let lifetime: UInt16 = 0x000d
        public static let xorPeerAddress: UInt16 = 0x0012
        public static let data: UInt16 = 0x0013
        public static let realm: UInt16 = 0x0014
        public static let nonce: UInt16 = 0x0015
        public static let xorRelayedAddress: UInt16 = 0x0016
        public static let requestedAddressFamily: UInt16 = 0x0017
        public static let evenPort: UInt16 = 0x0018
        public static let requestedTransport: UInt16 = 0x0019
        public static let dontFragment: UInt16 = 0x001a
        public static let messageIntegritySHA256: UInt16 = 0x001c
        public static let passwordAlgorithm: UInt16 = 0x001d
        public static let userhash: UInt16 = 0x001e
        public static let xorMappedAddress: UInt16 = 0x0020
        public static let reservationToken: UInt16 = 0x0022
        public static let priority: UInt16 = 0x0024
        public static let useCandidate: UInt16 = 0x0025
        public static let additionalAddressFamily: UInt16 = 0x8000
        public static let addressErrorCode: UInt16 = 0x8001
        public static let passwordAlgorithms: UInt16 = 0x8002
        public static let icmp: UInt16 = 0x8004
        public static let software: UInt16 = 0x8022
        public static let alternateServer: UInt16 = 0x8023
        public static let fingerprint: UInt16 = 0x8028
        public static let iceControlled: UInt16 = 0x8029
        public static let iceControlling: UInt16 = 0x802a
    }

    /// This attribute's type code.
    public var type: UInt16 {
        switch self {
        case .mappedAddress: Code.mappedAddress
        case .xorMappedAddress: Code.xorMappedAddress
        case .username: Code.username
        case .userhash: Code.userhash
        case .messageIntegrity: Code.messageIntegrity
        case .messageIntegritySHA256: Code.messageIntegritySHA256
        case .fingerprint: Code.fingerprint
        case .errorCode: Code.errorCode
        case .realm: Code.realm
        case .nonce: Code.nonce
        case .passwordAlgorithms: Code.passwordAlgorithms
        case .passwordAlgorithm: Code.passwordAlgorithm
        case .unknownAttributes: Code.unknownAttributes
        case .software: Code.software
        case .alternateServer: Code.alternateServer
        case .channelNumber: Code.channelNumber
        case .lifetime: Code.lifetime
        case .xorPeerAddress: Code.xorPeerAddress
        case .data: Code.data
        case .xorRelayedAddress: Code.xorRelayedAddress
        case .requestedAddressFamily: Code.requestedAddressFamily
        case .evenPort: Code.evenPort
        case .requestedTransport: Code.requestedTransport
        case .dontFragment: Code.dontFragment
        case .reservationToken: Code.reservationToken
        case .additionalAddressFamily: Code.additionalAddressFamily
        case .addressErrorCode: Code.addressErrorCode
        case .icmp: Code.icmp
        case .priority: Code.priority
        case .useCandidate: Code.useCandidate
        case .iceControlled: Code.iceControlled
        case .iceControlling: Code.iceControlling
        case .other(let type, _): type
        }
    }
}

/// A password algorithm and its parameters (RFC 8489 §14.11–14.12).
public struct STUNPasswordAlgorithm: Equatable, Sendable {
    public var algorithm: UInt16
    public var parameters: [UInt8]

    public init(algorithm: UInt16, parameters: [UInt8] = []) {
        self.algorithm = algorithm
        self.parameters = parameters
    }

    public static let md5 = STUNPasswordAlgorithm(algorithm: 0x0001)
    public static let sha256 = STUNPasswordAlgorithm(algorithm: 0x0002)
}

extension STUNMessage {
    /// The first attribute of a kind, e.g. `message.first { if case .realm(let r) = $0 { r } else { nil } }`.
    public func first<T>(_ pick: (STUNAttribute) -> T?) -> T? {
        for attribute in attributes { if let value = pick(attribute) { return value } }
        return nil
    }

    public var errorCode: (code: Int, reason: String)? {
        first { if case .errorCode(let code, let reason) = $0 { (code, reason) } else { nil } }
    }

    public var xorMappedAddress: TransportAddress? {
        first { if case .xorMappedAddress(let a) = $0 { a } else { nil } }
    }

    public var realm: String? { first { if case .realm(let r) = $0 { r } else { nil } } }
    public var nonce: String? { first { if case .nonce(let n) = $0 { n } else { nil } } }
}
