/// The host of a SIP URI, a Via sent-by or a `received` parameter.
public enum Host: Sendable, Hashable, CustomStringConvertible {
    /// A domain name, as written (compare with `isEquivalent(to:)`, which ignores case).
    case domain(String)
    case ipv4(IPv4Address)
    case ipv6(IPv6Address)

    /// An IPv4 address as four octets.
    public struct IPv4Address: Sendable, Hashable, CustomStringConvertible {
        public var octets: [UInt8]
        public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) { octets = [a, b, c, d] }
        public var description: String { octets.map { String($0) }.joined(separator: ".") }
    }

    /// An IPv6 address as sixteen octets; prints in RFC 5952 form.
    public struct IPv6Address: Sendable, Hashable, CustomStringConvertible {
        public var octets: [UInt8]
        /// `octets` must hold 16 bytes; anything else is padded or cut to 16.
        public init(octets: [UInt8]) {
            self.octets = Array((octets + [UInt8](repeating: 0, count: 16)).prefix(16))
        }

        public var description: String {
            // IPv4-mapped addresses keep their dotted tail (RFC 5952 §5).
            if octets.prefix(10).allSatisfy({ $0 == 0 }), octets[10] == 0xFF, octets[11] == 0xFF {
                return "::ffff:" + octets.suffix(4).map { String($0) }.joined(separator: ".")
            }
            let groups = (0..<8).map { UInt16(octets[2 * $0]) << 8 | UInt16(octets[2 * $0 + 1]) }
            // Longest run of two or more zero groups, first one on a tie (RFC 5952 §4.2).
            var best = (start: -1, length: 0), run = (start: -1, length: 0)
            for (i, g) in groups.enumerated() {
                if g == 0 {
                    run = run.start < 0 ? (i, 1) : (run.start, run.length + 1)
                    if run.length > best.length { best = run }
                } else {
                    run = (-1, 0)
                }
            }
            func hex(_ r: Range<Int>) -> String {
                r.map { String(groups[$0], radix: 16) }.joined(separator: ":")
            }
            guard best.length >= 2 else { return hex(0..<8) }
            return hex(0..<best.start) + "::" + hex((best.start + best.length)..<8)
        }
    }

    /// `example.com`, `192.0.2.1` or `[2001:db8::1]` (IPv6 in brackets, as in a URI).
    public var description: String {
        switch self {
        case .domain(let name): return name
        case .ipv4(let a): return a.description
        case .ipv6(let a): return "[\(a)]"
        }
    }

    /// Host comparison of RFC 3261 §19.1.4: names ignore case, addresses compare as bytes.
    public func isEquivalent(to other: Host) -> Bool {
        switch (self, other) {
        case (.domain(let a), .domain(let b)):
            return ValueChars.equalFolded(a, b)
        default: return self == other
        }
    }
}
