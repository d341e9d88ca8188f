import Foundation

extension Lab {
    /// Starts baresip on `host` (a machine of a NAT lab), registering as `user` at the lab's
    /// Kamailio, with ICE gathering from the lab's coturn (TURN relays too unless `turn` is
    /// false). SIP goes over `transport` (TCP for the firewalled home: its UDP is dropped).
    /// `rtcpMux` false: baresip neither offers nor accepts rtcp-mux (RTCP is ICE component 2).
    public func startBaresip(_ user: String, on host: NATNetwork.Host, of nat: NATTopology,
                             transport: LabTransport = .udp, autoAnswer: Bool = false, audioSource: WAV? = nil,
                             turn: Bool = true, rtcpMux: Bool = true) async throws -> Baresip {
        guard let password = nat.users[user] else { throw LabError.unexpected("no SIP user \(user) in the NAT lab") }
        return try await startBaresip(.init(
            user: user, password: password, registrar: nat.registrar, transport: transport, autoAnswer: autoAnswer,
            audioSource: audioSource, namespace: host.namespace, host: host.address,
            ice: .init(server: nat.stunServer, turn: turn, user: nat.coturn.user, password: nat.coturn.password,
                       rtcpMux: rtcpMux)))
    }
}

extension Baresip {
    /// One candidate pair baresip's ICE selected, by candidate type (`host`, `srflx`,
    /// `prflx`, `relay`), as its log (`ice_debug yes`) reports it.
    public struct SelectedPair: Sendable, Equatable, CustomStringConvertible {
        /// 1 for RTP, 2 for RTCP.
        public let component: Int
        public let local: String
        public let remote: String
        /// The log line it came from.
        public let line: String
        public var description: String { "\(component):\(local)→\(remote)" }
    }

    /// The candidate pairs baresip's ICE selected so far, one per component, from the
    /// last "Valid list" it dumped (`*  {comp=1}  Succeeded { VN} eth0:host:… <---> host:…`).
    public func selectedPairs() -> [SelectedPair] {
        Self.selectedPairs(inLog: process.log())
    }

    /// The selected pairs in a baresip log (see `selectedPairs()`).
    public static func selectedPairs(inLog log: String) -> [SelectedPair] {
        let types: Set<String> = ["host", "srflx", "prflx", "relay"]
        var latest: [Int: SelectedPair] = [:]
        for raw in log.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("*"), let open = line.range(of: "{comp="),
                  let component = Int(line[open.upperBound...].prefix { $0.isNumber }),
                  let arrow = line.range(of: "<--->") else { continue }
            let left = line[..<arrow.lowerBound].split(separator: " ").last.map { $0.split(separator: ":").map(String.init) } ?? []
            let right = line[arrow.upperBound...].split(separator: " ").first.map { $0.split(separator: ":").map(String.init) } ?? []
            guard let local = left.first(where: types.contains), let remote = right.first(where: types.contains) else { continue }
            latest[component] = SelectedPair(component: component, local: local, remote: remote, line: line)
        }
        return latest.keys.sorted().compactMap { latest[$0] }
    }
}
