/// A STUN method (RFC 8489 §5): 12 bits. The TURN methods are RFC 8656 §17.
public struct STUNMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue & 0x0fff }

    public static let binding = STUNMethod(rawValue: 0x001)
    public static let allocate = STUNMethod(rawValue: 0x003)
    public static let refresh = STUNMethod(rawValue: 0x004)
    public static let send = STUNMethod(rawValue: 0x006)
    public static let data = STUNMethod(rawValue: 0x007)
    public static let createPermission = STUNMethod(rawValue: 0x008)
    public static let channelBind = STUNMethod(rawValue: 0x009)

    public var description: String {
        switch self {
        case .binding: "Binding"
        case .allocate: "Allocate"
        case .refresh: "Refresh"
        case .send: "Send"
        case .data: "Data"
        case .createPermission: "CreatePermission"
        case .channelBind: "ChannelBind"
        default: "method 0x\(String(rawValue, radix: 16))"
        }
    }
}

/// The two class bits of the message type.
public enum STUNClass: UInt8, Sendable {
    case request = 0, indication = 1, successResponse = 2, errorResponse = 3
}

/// The 96-bit transaction ID, held inline.
public struct STUNTransactionID: Hashable, Sendable, CustomStringConvertible {
    var high: UInt64
    var low: UInt32

    /// From exactly 12 bytes; nil otherwise.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 12 else { return nil }
        var high: UInt64 = 0, low: UInt32 = 0
        for (i, byte) in bytes.enumerated() {
            if i < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt32(byte) }
        }
        self.high = high
        self.low = low
    }

    init(high: UInt64, low: UInt32) {
        self.high = high
        self.low = low
    }

    /// A fresh ID from the system's cryptographic generator (RFC 8489 §6: IDs must be
    /// unpredictable so that off-path attackers cannot forge responses).
    public static func random() -> STUNTransactionID {
        var rng = SystemRandomNumberGenerator()
        return random(using: &rng)
    }

    public static func random(using rng: inout some RandomNumberGenerator) -> STUNTransactionID {
        STUNTransactionID(high: rng.next(), low: rng.next())
    }

    /// The 12 bytes in wire order.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64($0))) }
            + (0..<4).map { UInt8(truncatingIfNeeded: low >> (24 - 8 * UInt32($0))) }
    }

    /// Byte `i` (0..<12) without allocating.
    func byte(_ i: Int) -> UInt8 {
        i < 8 ? UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(i))) : UInt8(truncatingIfNeeded: low >> (24 - 8 * UInt32(i - 8)))
    }

    public var description: String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// A STUN message (RFC 8489 §5): header fields and the attributes in order. Parse with
/// `STUNMessage(parsing:)`; encode with `encoded(integrity:fingerprint:)`. Integrity and
/// fingerprint are checked on the received bytes (`STUNIntegrity.check`), not on this value.
public struct STUNMessage: Equatable, Sendable {
    public var method: STUNMethod
    public var messageClass: STUNClass
    public var transactionID: STUNTransactionID
    public var attributes: [STUNAttribute]

    public init(method: STUNMethod, class messageClass: STUNClass, transactionID: STUNTransactionID = .random(),
                attributes: [STUNAttribute] = []) {
        self.method = method
        self.messageClass = messageClass
        self.transactionID = transactionID
        self.attributes = attributes
    }

    /// The 16-bit message type: method bits interleaved with the class bits (§5).
    public var messageType: UInt16 { Self.type(method: method, class: messageClass) }

    static func type(method: STUNMethod, class messageClass: STUNClass) -> UInt16 {
        let m = method.rawValue, c = UInt16(messageClass.rawValue)
        return (m & 0x000f) | (m & 0x0070) << 1 | (m & 0x0f80) << 2 | (c & 1) << 4 | (c & 2) << 7
    }

    static func split(type: UInt16) -> (STUNMethod, STUNClass) {
        let method = (type & 0x000f) | (type >> 1) & 0x0070 | (type >> 2) & 0x0f80
        let cls = (type >> 4) & 1 | (type >> 7) & 2
        return (STUNMethod(rawValue: method), STUNClass(rawValue: UInt8(cls)) ?? .request)
    }

    /// Comprehension-required attribute types (0x0000–0x7FFF) this codec does not know: a
    /// server answers a request carrying any with 420 and UNKNOWN-ATTRIBUTES (§6.3.1).
    public var unknownComprehensionRequired: [UInt16] {
        attributes.compactMap { if case .other(let type, _) = $0, type < 0x8000 { type } else { nil } }
    }
}
