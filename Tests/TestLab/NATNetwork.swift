/// The addresses of a NAT lab: a "public internet" (203.0.113.0/24, TEST-NET-3, a bridge in
/// the `public` namespace where the servers live) and homes, each a private subnet behind
/// its own router namespace whose `wan` leg is on that bridge.
///
/// ```
///   public ns: br0 203.0.113.1/24 (+ .10 SIP, .20 and .21 STUN/TURN)
///     ├── router of home 1 (wan 203.0.113.101) ── lan 10.0.1.1/24 ── client 10.0.1.2, 10.0.1.3 …
///     ├── router of home 2 (wan 203.0.113.102) ── lan 10.0.2.1/24 ── client 10.0.2.2 …
///     └── …
/// ```
/// Every client is its own namespace on its home's LAN bridge (in the router namespace),
/// with a default route via the router and nothing else: test traffic cannot leave the lab.
public struct NATNetwork: Sendable {
    /// One machine: a namespace with one address (its `eth0`).
    public struct Host: Sendable, Hashable {
        public let name: String
        public let namespace: NetworkNamespace
        /// Its IPv4 address, e.g. `10.0.1.2`.
        public let address: String
    }

    /// One home: a router and the clients on its LAN.
    public struct Home: Sendable {
        public let name: String
        public let behaviour: NATBehaviour
        /// The router namespace (`wan` leg on the public bridge, `lan` bridge to the clients).
        public let router: NetworkNamespace
        /// The router's public address: what servers see as the home's source address.
        public let publicAddress: String
        /// The home's private subnet, e.g. `10.0.1.0/24`.
        public let subnet: String
        /// The router's address on the home LAN, the clients' default gateway.
        public let gateway: String
        /// The machines in the home (two or more share a LAN: host candidates reach each other).
        public let clients: [Host]

        /// The first client.
        public var client: Host { clients[0] }
    }

    /// What a home should be, for `Lab.buildNATNetwork(homes:)`.
    public struct HomeSpec: Sendable {
        public var name: String
        public var behaviour: NATBehaviour
        public var clients: Int

        public init(_ name: String, _ behaviour: NATBehaviour, clients: Int = 1) {
            self.name = name
            self.behaviour = behaviour
            self.clients = max(1, min(clients, 200))
        }
    }

    /// The default homes: `cone` (two clients on one LAN), `cone2`, `symmetric`,
    /// `symmetric2` and `firewalled` (one client each).
    public static let defaultHomes: [HomeSpec] = [
        .init("cone", .cone, clients: 2), .init("cone2", .cone), .init("symmetric", .symmetric),
        .init("symmetric2", .symmetric), .init("firewalled", .firewalled),
    ]

    /// The namespace of the public network, where Kamailio and coturn run.
    public let publicNamespace: NetworkNamespace
    /// The public subnet, `203.0.113.0/24`.
    public let publicSubnet: String
    /// The public namespace's own address on the bridge.
    public let publicGateway: String
    /// Kamailio's address in the public network.
    public let sipAddress: String
    /// coturn's address (STUN and TURN; relay addresses are on it too).
    public let stunAddress: String
    /// A second address of the public namespace where coturn also listens: a second STUN
    /// server address, to tell endpoint-dependent mapping apart.
    public let alternateStunAddress: String
    public let homes: [Home]

    /// The home named `name`.
    public func home(_ name: String) -> Home? { homes.first { $0.name == name } }
}
