import Glibc

/// An IP address and a port, as STUN, TURN and ICE carry them. A value held inline (no
/// allocation), so the media thread may make one per datagram.
public struct TransportAddress: Hashable, Sendable, CustomStringConvertible {
    /// STUN's family codes (RFC 8489 §14.1).
    public enum Family: UInt8, Sendable {
        case ipv4 = 0x01
        case ipv6 = 0x02

        /// Address length in bytes.
        public var length: Int { self == .ipv4 ? 4 : 16 }
    }

    public let family: Family
    public var port: UInt16
    /// The address in network byte order; IPv4 uses the first 4 bytes, the rest are zero.
    private var bytes: (UInt64, UInt64) = (0, 0)

    /// Parses a numeric address ("192.0.2.1", "2001:db8::1", "[::1]"); nil for names.
    public init?(host: String, port: UInt16) {
        var host = Substring(host)
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        var raw = (UInt64(0), UInt64(0))
        let text = String(host)
        if withUnsafeMutableBytes(of: &raw, { inet_pton(AF_INET, text, $0.baseAddress) }) == 1 {
            family = .ipv4
        } else if withUnsafeMutableBytes(of: &raw, { inet_pton(AF_INET6, text, $0.baseAddress) }) == 1 {
            family = .ipv6
        } else {
            return nil
        }
        bytes = raw
        self.port = port
    }

    /// From raw address bytes in network order: 4 for IPv4, 16 for IPv6; nil otherwise.
    public init?(addressBytes: some Collection<UInt8>, port: UInt16) {
        switch addressBytes.count {
        case 4: family = .ipv4
        case 16: family = .ipv6
        default: return nil
        }
        var raw = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &raw) { out in
            for (i, byte) in addressBytes.enumerated() { out[i] = byte }
        }
        bytes = raw
        self.port = port
    }

    /// From a socket address's raw bytes (`in_addr`/`in6_addr`): the first 4 or 16 bytes
    /// of `raw` are used, missing ones are zero.
    public init(family: Family, raw: UnsafeRawBufferPointer, port: UInt16) {
        self.family = family
        var bytes = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &bytes) { out in
            out.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw.prefix(family.length)))
        }
        self.bytes = bytes
        self.port = port
    }

    /// Calls `body` with the 4 or 16 address bytes, in network order.
    public func withAddressBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let length = family.length
        return try withUnsafeBytes(of: bytes) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
    }

    /// The address bytes as an array (for codecs and tests; allocates).
    public var addressBytes: [UInt8] { withAddressBytes { Array($0) } }

    /// The numeric host, without brackets.
    public var host: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        withAddressBytes { raw in
            _ = inet_ntop(family == .ipv4 ? AF_INET : AF_INET6, raw.baseAddress, &text, socklen_t(text.count))
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The same host on another port.
    public func with(port: UInt16) -> TransportAddress {
        var copy = self
        copy.port = port
        return copy
    }

    public var description: String { family == .ipv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    private func byte(_ i: Int) -> UInt8 { withUnsafeBytes(of: bytes) { $0[i] } }

    public static func == (a: Self, b: Self) -> Bool {
        a.family == b.family && a.port == b.port && a.bytes == b.bytes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(family)
        hasher.combine(port)
        hasher.combine(bytes.0)
        hasher.combine(bytes.1)
    }

    /// 127.0.0.0/8 or ::1.
    public var isLoopback: Bool {
        family == .ipv4 ? byte(0) == 127 : bytes.0 == 0 && bytes.1 == UInt64(1).bigEndian
    }

    /// RFC 1918 and RFC 6598 (carrier-grade NAT) space, or IPv6 unique-local fc00::/7:
    /// addresses that mean nothing outside their own network.
    public var isPrivate: Bool {
        switch family {
        case .ipv4:
            let a = byte(0), b = byte(1)
            return a == 10 || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168) || (a == 100 && (64...127).contains(b))
        case .ipv6:
            return byte(0) & 0xfe == 0xfc
        }
    }

    /// 169.254.0.0/16 or fe80::/10.
    public var isLinkLocal: Bool {
        family == .ipv4 ? byte(0) == 169 && byte(1) == 254 : byte(0) == 0xfe && byte(1) & 0xc0 == 0x80
    }

    /// 0.0.0.0 or :: (the old hold address, RFC 3264 §8.4).
    public var isUnspecified: Bool { bytes.0 == 0 && bytes.1 == 0 }
}
