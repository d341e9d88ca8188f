import Testing
import TestLab

/// baresip, the reference peer, through the NAT lab: two agents in two homes register at
/// the NAT-aware Kamailio in the public namespace, gather candidates from coturn with
/// their ice, stun and turn modules, and call; the tones each sends are heard by the other.
@Suite(.timeLimit(.minutes(1)))
struct NATBaresipCallTests {
    /// Two homes behind cone routers: the server-reflexive candidates connect (STUN only:
    /// without relayed candidates there are fewer pairs for baresip to time out on).
    @Test func coneToConeCallHasTwoWayAudio() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology(homes: [.init("cone", .cone), .init("cone2", .cone)])
            let call = try await NATCall.run(lab, nat, caller: try #require(nat.home("cone")).client,
                                             callee: try #require(nat.home("cone2")).client, turn: false)
            try call.requireTwoWayAudio()
            try #require(!call.selected.isEmpty, "baresip logged no selected candidate pair")
            try #require(call.selected.allSatisfy { $0.local == "srflx" && ["srflx", "prflx"].contains($0.remote) },
                         "\(call.selected)")
        }
    }

    /// A cone home calls a symmetric one: only a relayed candidate connects.
    @Test func coneToSymmetricCallHasTwoWayAudio() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology(homes: [.init("cone", .cone), .init("symmetric", .symmetric)])
            let call = try await NATCall.run(lab, nat, caller: try #require(nat.home("cone")).client,
                                             callee: try #require(nat.home("symmetric")).client)
            try call.requireTwoWayAudio()
            try #require(!call.selected.isEmpty, "baresip logged no selected candidate pair")
            try #require(call.selected.contains { $0.local == "relay" || $0.remote == "relay" }, "\(call.selected)")
            // coturn allocated a relay for each agent.
            try #require(nat.coturn.relayAddresses().count >= 2, "\(nat.coturn.relayAddresses())")
        }
    }

    /// Two machines on one home LAN: the host candidates connect, nothing leaves the home.
    @Test func sameLANCallUsesHostCandidates() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology(homes: [.init("cone", .cone, clients: 2)])
            let home = try #require(nat.home("cone"))
            let call = try await NATCall.run(lab, nat, caller: home.clients[0], callee: home.clients[1], turn: false)
            try call.requireTwoWayAudio()
            try #require(!call.selected.isEmpty, "baresip logged no selected candidate pair")
            try #require(call.selected.allSatisfy { $0.local == "host" && $0.remote == "host" }, "\(call.selected)")
        }
    }
}
