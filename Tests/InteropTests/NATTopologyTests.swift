import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestLab

/// The NAT lab behaves like the homes it stands for: proved with STUN Binding requests
/// from each home to coturn in the public namespace, plain UDP and TCP probes, and a
/// REGISTER through a NAT.
@Suite(.timeLimit(.minutes(1)))
struct NATTopologyTests {
    /// One home of each kind and coturn on its two public addresses.
    private static func start(_ lab: Lab) async throws -> (NATNetwork, Coturn) {
        let network = try lab.buildNATNetwork(homes: [.init("cone", .cone, clients: 2), .init("symmetric", .symmetric),
                                                      .init("firewalled", .firewalled)])
        let coturn = try await lab.startCoturn(in: network.publicNamespace,
                                               listeningIPs: [network.stunAddress, network.alternateStunAddress],
                                               relayIP: network.stunAddress)
        return (network, coturn)
    }

    /// Behind the cone router one socket is seen at the router's public address with its
    /// own port, towards both server addresses (endpoint-independent mapping).
    @Test func coneRouterKeepsThePortTowardsEveryServer() async throws {
        try await Lab.run { lab in
            let (network, coturn) = try await Self.start(lab)
            let home = try #require(network.home("cone"))
            let probe = try NetworkProbe(in: home.client.namespace, port: 40_000)
            let first = try #require(try await probe.mappedAddress(stunServer: network.stunAddress, port: coturn.port))
            let second = try #require(try await probe.mappedAddress(stunServer: network.alternateStunAddress, port: coturn.port))
            try #require(first == .init(host: home.publicAddress, port: 40_000), "\(first)")
            try #require(second == first, "\(first) then \(second)")
        }
    }

    /// Behind the symmetric router one socket gets a different public port towards each
    /// server address (address-dependent mapping), never its own.
    @Test func symmetricRouterMapsEachServerToAnotherPort() async throws {
        try await Lab.run { lab in
            let (network, coturn) = try await Self.start(lab)
            let home = try #require(network.home("symmetric"))
            let probe = try NetworkProbe(in: home.client.namespace, port: 40_000)
            let first = try #require(try await probe.mappedAddress(stunServer: network.stunAddress, port: coturn.port))
            let second = try #require(try await probe.mappedAddress(stunServer: network.alternateStunAddress, port: coturn.port))
            try #require(first.host == home.publicAddress && second.host == home.publicAddress, "\(first) \(second)")
            try #require(first.port != second.port, "\(first) then \(second)")
            // The same server again: the mapping holds for the same remote endpoint.
            let again = try #require(try await probe.mappedAddress(stunServer: network.stunAddress, port: coturn.port))
            try #require(again == first, "\(first) then \(again)")
        }
    }

    /// The firewalled home gets no UDP answer from outside, but TCP gets through: a TURN
    /// allocation over TCP relays packets (turnutils_uclient, two clients via their relays).
    @Test func firewalledHomeHasNoUDPButTURNOverTCPWorks() async throws {
        try await Lab.run { lab in
            let (network, coturn) = try await Self.start(lab)
            let home = try #require(network.home("firewalled"))
            let probe = try NetworkProbe(in: home.client.namespace)
            let mapped = try await probe.mappedAddress(stunServer: network.stunAddress, port: coturn.port,
                                                       timeout: .milliseconds(800))
            try #require(mapped == nil, "a STUN answer came through the UDP firewall: \(String(describing: mapped))")
            let relayed = try await lab.execute("uclient-tcp", .turnClient, [
                "-t", "-p", "\(coturn.port)", "-u", coturn.user, "-w", coturn.password, "-r", coturn.realm,
                "-e", network.stunAddress, "-y", "-n", "2", "-m", "1", "-l", "100", network.stunAddress,
            ], namespace: home.client.namespace)
            try #require(relayed.status == .exited(0), "\(relayed.output)")
            try #require(relayed.output.contains("Total lost packets 0 (0.000000%)"), "\(relayed.output)")
        }
    }

    /// Nothing from the public side reaches a private address, even with a route to it:
    /// the router drops what its home did not ask for. Replies to the home's own packets
    /// come back; the other machine on the same LAN reaches it directly.
    @Test func publicSideCannotReachAHomeButTheLANCan() async throws {
        try await Lab.run { lab in
            let (network, _) = try await Self.start(lab)
            let home = try #require(network.home("cone"))
            let inside = try NetworkProbe(in: home.clients[0].namespace, port: 41_000)
            let outside = try NetworkProbe(in: network.publicNamespace, host: network.publicGateway, port: 41_000)

            try outside.send(Array("knock".utf8), to: home.clients[0].address, port: inside.localPort)
            let unsolicited = try await inside.receive(timeout: .milliseconds(300))
            try #require(unsolicited == nil, "an unsolicited datagram reached the home: \(String(describing: unsolicited))")

            try inside.send(Array("hello".utf8), to: network.publicGateway, port: outside.localPort)
            let seen = try #require(try await outside.receive(timeout: .seconds(1)))
            try #require(seen.from == .init(host: home.publicAddress, port: 41_000), "\(seen.from)")
            try outside.send(Array("reply".utf8), to: seen.from.host, port: seen.from.port)
            let reply = try #require(try await inside.receive(timeout: .seconds(1)))
            try #require(reply.bytes == Array("reply".utf8) && reply.from.host == network.publicGateway)

            let neighbour = try NetworkProbe(in: home.clients[1].namespace)
            try neighbour.send(Array("lan".utf8), to: home.clients[0].address, port: inside.localPort)
            let direct = try #require(try await inside.receive(timeout: .seconds(1)))
            try #require(direct.from == .init(host: home.clients[1].address, port: neighbour.localPort), "\(direct.from)")

            let listener = try home.clients[0].namespace.listenTCP(port: 41_001)
            defer { close(listener) }
            try #require(!network.publicNamespace.tcpConnects(host: home.clients[0].address, port: 41_001,
                                                              timeout: .milliseconds(300)))
            try #require(home.clients[1].namespace.tcpConnects(host: home.clients[0].address, port: 41_001,
                                                               timeout: .seconds(1)))
        }
    }

    /// Two cone homes punch a hole to each other's STUN-learned address: the first packet
    /// of one side is dropped by the other's router, which must not let it hold the port
    /// (the router drops unsolicited input before conntrack remembers it); after both sent,
    /// each receives from the other's mapped address.
    @Test func twoConeHomesPunchAHoleToEachOther() async throws {
        try await Lab.run { lab in
            let network = try lab.buildNATNetwork(homes: [.init("cone", .cone), .init("cone2", .cone)])
            let coturn = try await lab.startCoturn(in: network.publicNamespace, listeningIPs: [network.stunAddress],
                                                   relayIP: network.stunAddress)
            let a = try NetworkProbe(in: try #require(network.home("cone")).client.namespace, port: 42_000)
            let b = try NetworkProbe(in: try #require(network.home("cone2")).client.namespace, port: 43_000)
            let aPublic = try #require(try await a.mappedAddress(stunServer: network.stunAddress, port: coturn.port))
            let bPublic = try #require(try await b.mappedAddress(stunServer: network.stunAddress, port: coturn.port))
            // a goes first: b's router drops it (b has not sent to a yet).
            try a.send(Array("a1".utf8), to: bPublic.host, port: bPublic.port)
            try #require(try await b.receive(timeout: .milliseconds(200), from: aPublic.host) == nil)
            try b.send(Array("b1".utf8), to: aPublic.host, port: aPublic.port)
            let atA = try #require(try await a.receive(timeout: .seconds(1), from: bPublic.host))
            try #require(atA.from == bPublic, "a heard \(atA.from), b is \(bPublic)")
            try a.send(Array("a2".utf8), to: bPublic.host, port: bPublic.port)
            let atB = try #require(try await b.receive(timeout: .seconds(1), from: aPublic.host))
            try #require(atB.from == aPublic && atB.bytes == Array("a2".utf8), "b heard \(atB.from), a is \(aPublic)")
        }
    }

    /// Kamailio in the public namespace registers clients behind NATs (over UDP from the
    /// symmetric home, over TCP from the firewalled one), sees their public source, and an
    /// INVITE from one reaches the other through both NATs (no ICE here: signalling only).
    @Test func kamailioRoutesAnInviteToAClientBehindANAT() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology(homes: [.init("symmetric", .symmetric), .init("firewalled", .firewalled)])
            let caller = try #require(nat.home("symmetric")), callee = try #require(nat.home("firewalled"))
            let alice = try await lab.startBaresip(.init(
                user: "alice", password: "alice-secret", registrar: nat.registrar, transport: .udp,
                namespace: caller.client.namespace, host: caller.client.address))
            let bob = try await lab.startBaresip(.init(
                user: "bob", password: "bob-secret", registrar: nat.registrar, transport: .tcp, autoAnswer: true,
                namespace: callee.client.namespace, host: callee.client.address))
            try await alice.waitForRegistration()
            try await bob.waitForRegistration()
            let log = nat.kamailio.process.log()
            try #require(log.contains("LAB 0 REGISTER alice udp nat from \(caller.publicAddress):"), "\(log)")
            try #require(log.contains("LAB 0 REGISTER bob tcp nat from \(callee.publicAddress):"), "\(log)")
            try await alice.dial("sip:bob@\(nat.registrar)")
            try await bob.waitForEvent("CALL_ESTABLISHED")
            try await alice.waitForEvent("CALL_ESTABLISHED")
            // The BYE follows the record-route and the callee's NAT-fixed Contact over TCP.
            try await alice.hangup()
            try await bob.waitForEvent("CALL_CLOSED")
            try #require(nat.kamailio.events().contains { $0.status == 100 && $0.method == "BYE" && $0.user == "alice" })
        }
    }

    /// The lab's namespaces are gone when the lab ends.
    @Test func namespacesAreDeletedWhenTheLabEnds() async throws {
        let names = try await Lab.run { lab in
            let (network, _) = try await Self.start(lab)
            return [network.publicNamespace.name] + network.homes.flatMap { [$0.router.name] + $0.clients.map(\.namespace.name) }
        }
        try #require(names.count == 8)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []
        try #require(Set(names).isDisjoint(with: existing), "left behind: \(Set(names).intersection(existing))")
    }

    /// A crashed run's namespace (named for a PID that no longer runs) is deleted by the
    /// next lab; a live process's is left alone.
    @Test func staleNamespacesOfDeadRunsAreCleared() async throws {
        try await Lab.run { lab in
            // A PID that surely ran and ended: a child the lab started and reaped.
            let ended = try lab.spawn("true", Tool("true", package: "coreutils"), [])
            try await ended.wait(timeout: .seconds(5))
            let stale = "pnl\(ended.pid)-1-stale"
            let live = "pnl\(getpid())-999-live"
            _ = try await lab.execute("add-stale", .ip, ["netns", "add", stale])
            _ = try await lab.execute("add-live", .ip, ["netns", "add", live])
            _ = lab.makeNetworkLab()
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []
            let deleteLive = try await lab.execute("del-live", .ip, ["netns", "del", live])
            try #require(!existing.contains(stale), "\(existing)")
            try #require(existing.contains(live), "\(existing)")
            try #require(deleteLive.status == .exited(0))
        }
    }
}
