/// `a=candidate:` (RFC 8839 §5.1): one ICE transport address.
public struct Candidate: Hashable, Sendable {
    public var foundation: String
    /// 1 for RTP, 2 for RTCP.
    public var component: UInt16
    /// `UDP` (any case) or e.g. `TCP`, as sent.
    public var transport: String
    public var priority: UInt32
    public var address: String
    public var port: UInt16
    public var type: CandidateType
    public var relatedAddress: String?
    public var relatedPort: UInt16?
    /// Extension name/value pairs after the fixed part (`generation 0`, `tcptype passive`).
    public var extensions: [Extension]

    public init(
        foundation: String, component: UInt16, transport: String = "UDP", priority: UInt32,
        address: String, port: UInt16, type: CandidateType, relatedAddress: String? = nil,
        relatedPort: UInt16? = nil, extensions: [Extension] = []
    ) {
        self.foundation = foundation
        self.component = component
        self.transport = transport
        self.priority = priority
        self.address = address
        self.port = port
        self.type = type
        self.relatedAddress = relatedAddress
        self.relatedPort = relatedPort
        self.extensions = extensions
    }

    public struct Extension: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    var value: String {
        var parts = [foundation, String(component), transport, String(priority), address, String(port), "typ", type.rawValue]
        if let relatedAddress { parts += ["raddr", relatedAddress] }
        if let relatedPort { parts += ["rport", String(relatedPort)] }
        for e in extensions { parts += [e.name, e.value] }
        return parts.joined(separator: " ")
    }
}

/// `typ` of a candidate: host, srflx, prflx, relay, or another value kept as sent.
public struct CandidateType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let host = Self(rawValue: "host")
    public static let serverReflexive = Self(rawValue: "srflx")
    public static let peerReflexive = Self(rawValue: "prflx")
    public static let relayed = Self(rawValue: "relay")
}
