import Glibc
import NAT

/// An IPv4 or IPv6 address and port, as the socket calls take them. A value: copied into
/// and out of the media thread freely.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// Raw `sockaddr_in` / `sockaddr_in6` bytes, held inline: a received datagram's source
    /// becomes a `SocketAddress` on the per-packet path, which must not allocate.
    private(set) var storage: InlineSockaddr

    /// Parses a numeric address ("192.0.2.1", "::1", "[::1]"); nil for names or garbage.
    public init?(host: String, port: UInt16) {
        var host = Substring(host)
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, String(host), &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            storage = InlineSockaddr(&v4)
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, String(host), &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            storage = InlineSockaddr(&v6)
            return
        }
        return nil
    }

    /// From what `recvfrom`/`getsockname` filled in; nil for families other than IP.
    init?(raw: UnsafeRawPointer, length: socklen_t) {
        let family = Int32(raw.load(as: sockaddr.self).sa_family)
        switch family {
        case AF_INET where Int(length) >= MemoryLayout<sockaddr_in>.size:
            var v4 = raw.loadUnaligned(as: sockaddr_in.self)
            storage = InlineSockaddr(&v4)
        case AF_INET6 where Int(length) >= MemoryLayout<sockaddr_in6>.size:
            var v6 = raw.loadUnaligned(as: sockaddr_in6.self)
            // The flow label and scope differ between packets of one peer; they are not
            // part of who the peer is.
            v6.sin6_flowinfo = 0
            storage = InlineSockaddr(&v6)
        default:
            return nil
        }
    }

    public var isIPv6: Bool { family == AF_INET6 }

    var family: Int32 {
        storage.withUnsafeBytes { Int32($0.loadUnaligned(as: sa_family_t.self)) }
    }

    public var port: UInt16 {
        storage.withUnsafeBytes { raw in
            isIPv6 ? UInt16(bigEndian: raw.loadUnaligned(as: sockaddr_in6.self).sin6_port)
                : UInt16(bigEndian: raw.loadUnaligned(as: sockaddr_in.self).sin_port)
        }
    }

    /// The numeric host without brackets.
    public var host: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        storage.withUnsafeBytes { raw in
            if isIPv6 {
                var a = raw.loadUnaligned(as: sockaddr_in6.self).sin6_addr
                _ = inet_ntop(AF_INET6, &a, &text, socklen_t(text.count))
            } else {
                var a = raw.loadUnaligned(as: sockaddr_in.self).sin_addr
                _ = inet_ntop(AF_INET, &a, &text, socklen_t(text.count))
            }
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The same host on another port (RTCP on RTP + 1).
    public func with(port: UInt16) -> SocketAddress {
        var copy = self
        copy.storage.withUnsafeMutableBytes { raw in
            // sin_port and sin6_port sit at the same offset, right after the family.
            raw.storeBytes(of: port.bigEndian, toByteOffset: MemoryLayout<sa_family_t>.size, as: UInt16.self)
        }
        return copy
    }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        storage.withUnsafeBytes { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
    }
}

/// Up to 28 bytes (a `sockaddr_in6`) in place, compared and hashed by the bytes in use.
struct InlineSockaddr: Hashable, Sendable {
    private var bytes: (UInt64, UInt64, UInt64, UInt32) = (0, 0, 0, 0)
    private(set) var count: Int

    init<T>(_ value: inout T) {
        count = min(MemoryLayout<T>.size, MemoryLayout<(UInt64, UInt64, UInt64, UInt32)>.size)
        let count = self.count
        Swift.withUnsafeMutableBytes(of: &bytes) { out in
            Swift.withUnsafeBytes(of: &value) { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: bytes) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        let count = self.count
        return try Swift.withUnsafeMutableBytes(of: &bytes) { try body(UnsafeMutableRawBufferPointer(rebasing: $0[0..<count])) }
    }

    static func == (a: Self, b: Self) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.elementsEqual(y) } }
    }

    func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

extension SocketAddress {
    /// From NAT's address value, without going through text (per-datagram use).
    public init(_ address: TransportAddress) {
        switch address.family {
        case .ipv4:
            var v4 = sockaddr_in()
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = address.port.bigEndian
            address.withAddressBytes { raw in withUnsafeMutableBytes(of: &v4.sin_addr) { $0.copyMemory(from: raw) } }
            storage = InlineSockaddr(&v4)
        case .ipv6:
            var v6 = sockaddr_in6()
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = address.port.bigEndian
            address.withAddressBytes { raw in withUnsafeMutableBytes(of: &v6.sin6_addr) { $0.copyMemory(from: raw) } }
            storage = InlineSockaddr(&v6)
        }
    }

    /// As NAT's address value.
    public var transportAddress: TransportAddress {
        storage.withUnsafeBytes { raw in
            if isIPv6 {
                let v6 = raw.loadUnaligned(as: sockaddr_in6.self)
                return withUnsafeBytes(of: v6.sin6_addr) { TransportAddress(family: .ipv6, raw: $0, port: port) }
            }
            let v4 = raw.loadUnaligned(as: sockaddr_in.self)
            return withUnsafeBytes(of: v4.sin_addr) { TransportAddress(family: .ipv4, raw: $0, port: port) }
        }
    }
}
