import Foundation

extension Lab {
    /// Starts baresip on `host` (a machine of a NAT lab), registering as `user` at the lab's
    /// Kamailio, with ICE gathering from the lab's coturn (TURN relays too unless `turn` is
    /// false). SIP goes over `transport` (TCP for the firewalled home: its UDP is dropped).
    public func startBaresip(_ user: String, on host: NATNetwork.Host, of nat: NATTopology,
                             transport: LabTransport = .udp, autoAnswer: Bool = false, audioSource: WAV? = nil,
                             turn: Bool = true) async throws -> Baresip {
        guard let password = nat.users[user] else { throw LabError.unexpected("no SIP user \(user) in the NAT lab") }
        return try await startBaresip(.init(
            user: user, password: password, registrar: nat.registrar, transport: transport, autoAnswer: autoAnswer,
            audioSource: audioSource, namespace: host.namespace, host: host.address,
            ice: .init(server: nat.stunServer, turn: turn, user: nat.coturn.user, password: nat.coturn.password)))
    }
}

extension Baresip {
    /// One candidate pair baresip's ICE selected, by candidate type (`host`, `srflx`,
    /// `prflx`, `relay`), as its log (`ice_debug yes`) reports it.
    public struct SelectedPair: Sendable, Equatable, CustomStringConvertible {
        public let local: String
        public let remote: String
        /// The log line it came from.
        public let line: String
        public var description: String { "\(local)→\(remote)" }
    }

    /// The candidate pairs baresip's ICE selected so far (its log's `ice: … selected`
    /// lines of the check list dump).
    public func selectedPairs() -> [SelectedPair] {
        Self.selectedPairs(inLog: process.log())
    }

    static func selectedPairs(inLog log: String) -> [SelectedPair] {
        let types = ["host", "srflx", "prflx", "relay"]
        return log.split(separator: "\n").compactMap { raw -> SelectedPair? in
            let line = String(raw)
            guard line.contains("Selected") || line.contains("selected") else { return nil }
            let found = line.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { types.contains($0) }
            guard found.count >= 2 else { return nil }
            return SelectedPair(local: found[0], remote: found[1], line: line)
        }
    }
}
