/// One ICE candidate (RFC 8445 §5.1): a transport address an agent can receive on, the
/// base it sends from, and the priority and foundation that order and group the checks.
public struct ICECandidate: Hashable, Sendable, CustomStringConvertible {
    /// How the address was learned; the order of preference is host, peer-reflexive,
    /// server-reflexive, relayed (type preferences of §5.1.2.2).
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case host
        case serverReflexive = "srflx"
        case peerReflexive = "prflx"
        case relayed = "relay"

        /// The recommended type preference (§5.1.2.2).
        public var typePreference: UInt32 {
            switch self {
            case .host: 126
            case .peerReflexive: 110
            case .serverReflexive: 100
            case .relayed: 0
            }
        }
    }

    public var kind: Kind
    /// 1 for RTP, 2 for RTCP (without rtcp-mux).
    public var component: Int
    /// Where the peer sends to reach this candidate.
    public var address: TransportAddress
    /// Where this agent sends from: the host address for host, server- and peer-reflexive
    /// candidates; the relayed address itself for relayed ones (§5.1.1.2).
    public var base: TransportAddress
    /// `raddr`/`rport`: the base of a reflexive candidate, the mapped address of a relayed one.
    public var relatedAddress: TransportAddress?
    public var foundation: String
    public var priority: UInt32

    public init(
        kind: Kind, component: Int, address: TransportAddress, base: TransportAddress? = nil,
        relatedAddress: TransportAddress? = nil, foundation: String, priority: UInt32
    ) {
        self.kind = kind
        self.component = component
        self.address = address
        self.base = base ?? address
        self.relatedAddress = relatedAddress
        self.foundation = foundation
        self.priority = priority
    }

    /// The socket (or TURN allocation) a check or media from this candidate leaves through.
    public var sendingBase: ICEBase { ICEBase(address: base, relayed: kind == .relayed) }

    /// The priority formula of §5.1.2.1: type preference, local preference (0…65535) and
    /// component, so that higher is better.
    public static func priority(kind: Kind, localPreference: UInt16, component: Int) -> UInt32 {
        let componentPart = UInt32(256 - min(max(component, 1), 256))
        return (kind.typePreference << 24) | (UInt32(localPreference) << 8) | componentPart
    }

    /// The local preference of the `rank`-th address of its family (0 is the best
    /// interface). IPv6 comes first at each rank and IPv4 right after, so both families
    /// are tried early (RFC 8421 §4) while IPv6 wins when both work.
    public static func localPreference(rank: Int, family: TransportAddress.Family) -> UInt16 {
        let slot = min(max(rank, 0), 30_000) * 2 + (family == .ipv6 ? 0 : 1)
        return UInt16(65_535 - slot)
    }

    /// The local preference part of `priority`.
    public var localPreference: UInt16 { UInt16(truncatingIfNeeded: priority >> 8) }

    public var description: String {
        "\(kind.rawValue) \(address)" + (base != address ? " base \(base)" : "") + " c\(component)"
    }
}

/// Where a check or media leaves from or arrives on: a local socket, or a TURN allocation
/// (`relayed`, with the relayed address), through which the owner sends with Send
/// indications or ChannelData.
public struct ICEBase: Hashable, Sendable, CustomStringConvertible {
    public var address: TransportAddress
    public var relayed: Bool

    public init(address: TransportAddress, relayed: Bool = false) {
        self.address = address
        self.relayed = relayed
    }

    public static func socket(_ address: TransportAddress) -> ICEBase { ICEBase(address: address) }
    public static func relay(_ address: TransportAddress) -> ICEBase { ICEBase(address: address, relayed: true) }

    public var description: String { relayed ? "relay \(address)" : "\(address)" }
}
