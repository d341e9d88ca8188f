/// An agent's username fragment and password (RFC 8445 §5.3, RFC 8839 §5.4).
public struct ICECredentials: Hashable, Sendable {
    public var ufrag: String
    public var pwd: String

    public init(ufrag: String, pwd: String) {
        self.ufrag = ufrag
        self.pwd = pwd
    }

    /// The `ice-char` alphabet: ALPHA, DIGIT, "+" and "/".
    static let iceChars: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Fresh credentials: 8 characters of ufrag (at least 4, with 24 bits of randomness)
    /// and 24 of password (at least 22, 128 bits), drawn from `generator`.
    public static func random(using generator: inout some RandomNumberGenerator) -> ICECredentials {
        func draw(_ count: Int) -> String {
            var bytes = [UInt8]()
            bytes.reserveCapacity(count)
            for _ in 0..<count {
                bytes.append(iceChars[Int(generator.next(upperBound: UInt64(iceChars.count)))])
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return ICECredentials(ufrag: draw(8), pwd: draw(24))
    }

    /// Whether a string is non-empty ice-chars only, as RFC 8839 requires of both.
    static func isValid(_ text: String, minimumLength: Int) -> Bool {
        text.utf8.count >= minimumLength && text.utf8.count <= 256 && text.utf8.allSatisfy { iceChars.contains($0) }
    }
}

/// A STUN transaction ID: 96 bits.
public struct ICETransactionID: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt32

    public init(high: UInt64, low: UInt32) {
        self.high = high
        self.low = low
    }

    /// From 12 bytes in network order; nil for another count.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 12 else { return nil }
        var high: UInt64 = 0
        var low: UInt32 = 0
        for (i, b) in bytes.enumerated() {
            if i < 8 { high = high << 8 | UInt64(b) } else { low = low << 8 | UInt32(b) }
        }
        self.init(high: high, low: low)
    }

    public static func random(using generator: inout some RandomNumberGenerator) -> ICETransactionID {
        ICETransactionID(high: generator.next(), low: UInt32(truncatingIfNeeded: generator.next() as UInt64))
    }

    /// The 12 bytes in network order.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<4).map { UInt8(truncatingIfNeeded: low >> (24 - 8 * $0)) }
    }

    public var description: String { String(high, radix: 16) + String(low, radix: 16) }
}
