/// A NAT lab with its servers running in the public namespace: Kamailio (NAT-aware
/// registrar and record-routing proxy, digest auth) on `sipAddress:5060` UDP and TCP, and
/// coturn (STUN, TURN with long-term credentials, UDP and TCP) on `stunAddress:3478` and
/// `alternateStunAddress:3478`, relaying from `stunAddress`.
///
/// ```swift
/// try await Lab.run { lab in
///     let nat = try await lab.startNATTopology()
///     let alice = nat.home("cone")!.client, bob = nat.home("symmetric")!.client
///     let process = try lab.spawn("pipit-alice", tool, args, namespace: alice.namespace)
/// }
/// ```
public struct NATTopology: Sendable {
    /// The namespaces and addresses.
    public let network: NATNetwork
    public let kamailio: Kamailio
    public let coturn: Coturn
    /// The SIP users and their passwords (Kamailio's digest credentials).
    public let users: [String: String]

    /// `203.0.113.10:5060`, the registrar and proxy (UDP and TCP), and the accounts' domain.
    public var registrar: String { "\(network.sipAddress):\(kamailio.port)" }
    /// `203.0.113.20:3478`, coturn's STUN and TURN address.
    public var stunServer: String { "\(network.stunAddress):\(coturn.port)" }
    /// `203.0.113.21:3478`, coturn's second address.
    public var alternateStunServer: String { "\(network.alternateStunAddress):\(coturn.port)" }
    /// The public namespace, where the servers run.
    public var publicNamespace: NetworkNamespace { network.publicNamespace }
    public var homes: [NATNetwork.Home] { network.homes }

    /// The home named `name` (`cone`, `cone2`, `symmetric`, `symmetric2`, `firewalled` by default).
    public func home(_ name: String) -> NATNetwork.Home? { network.home(name) }

    /// The default SIP users: `alice`, `bob`, `carol`, `dave`, each with password `NAME-secret`.
    public static let defaultUsers: [String: String] = Dictionary(uniqueKeysWithValues: ["alice", "bob", "carol", "dave"].map {
        ($0, "\($0)-secret")
    })
}

extension Lab {
    /// Builds the NAT network (`buildNATNetwork(homes:)`) and starts Kamailio and coturn in
    /// its public namespace; returns once both accept connections. Everything is stopped
    /// and deleted when the lab ends. `turnTLS`: coturn also takes TURN over TLS on 5349
    /// with this certificate.
    public func startNATTopology(homes: [NATNetwork.HomeSpec] = NATNetwork.defaultHomes,
                                 users: [String: String] = NATTopology.defaultUsers,
                                 turnUser: String = "lab", turnPassword: String = "lab-secret",
                                 turnRealm: String = "lab.test",
                                 turnTLS: CertificateAuthority.Issued? = nil) async throws -> NATTopology {
        let network = try buildNATNetwork(homes: homes)
        let sip = network.sipAddress
        let kamailio = try await startKamailio(.init(users: users, listeners: [.init(.udp, host: sip, port: 5060),
                                                                             .init(.tcp, host: sip, port: 5060)],
                                                     namespace: network.publicNamespace, natTraversal: true))
        let coturn = try await startCoturn(in: network.publicNamespace,
                                           listeningIPs: [network.stunAddress, network.alternateStunAddress],
                                           relayIP: network.stunAddress, tls: turnTLS, user: turnUser, password: turnPassword,
                                           realm: turnRealm)
        return NATTopology(network: network, kamailio: kamailio, coturn: coturn, users: users)
    }
}
