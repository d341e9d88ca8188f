extension ICEAgent {
    /// Host candidates for every component: one per interface address (in order of
    /// preference; ports ignored) on the component's socket port (`ports[0]` for RTP,
    /// `ports[1]` for RTCP). Loopback, link-local and unspecified addresses are left out
    /// unless `includeLoopbackAndLinkLocal`. Returns the candidates added.
    @discardableResult
    public mutating func gatherHostCandidates(
        interfaces: [TransportAddress], ports: [UInt16], includeLoopbackAndLinkLocal: Bool = false
    ) -> [ICECandidate] {
        var added: [ICECandidate] = []
        var rank: [TransportAddress.Family: Int] = [:]
        for address in interfaces where !address.isUnspecified {
            if !includeLoopbackAndLinkLocal, address.isLoopback || address.isLinkLocal { continue }
            let r = rank[address.family, default: 0]
            rank[address.family] = r + 1
            for (index, port) in ports.prefix(componentCount).enumerated() {
                if let c = addHostCandidate(address.with(port: port), component: index + 1, rank: r) { added.append(c) }
            }
        }
        return added
    }

    /// One host candidate: `address` is a local socket's address; `rank` orders the
    /// interfaces of a family (0 best).
    @discardableResult
    public mutating func addHostCandidate(_ address: TransportAddress, component: Int, rank: Int = 0) -> ICECandidate? {
        guard (1...componentCount).contains(component) else { return nil }
        let preference = ICECandidate.localPreference(rank: rank, family: address.family)
        return addLocal(kind: .host, component: component, address: address, base: address, related: nil, server: nil, localPreference: preference)
    }

    /// A server-reflexive candidate a STUN client learned for the socket `base`; nil when
    /// `base` is no host candidate or the candidate is redundant (no NAT: same as the host).
    @discardableResult
    public mutating func addServerReflexiveCandidate(
        _ address: TransportAddress, base: TransportAddress, server: TransportAddress
    ) -> ICECandidate? {
        guard let host = localCandidates.first(where: { $0.kind == .host && $0.address == base }) else { return nil }
        return addLocal(kind: .serverReflexive, component: host.component, address: address, base: base,
                        related: base, server: server, localPreference: host.localPreference)
    }

    /// A relayed candidate a TURN client allocated through the socket `via`, with the
    /// mapped address the server saw (the candidate's related address).
    @discardableResult
    public mutating func addRelayedCandidate(
        _ address: TransportAddress, via: TransportAddress, mapped: TransportAddress?, server: TransportAddress
    ) -> ICECandidate? {
        guard let host = localCandidates.first(where: { $0.kind == .host && $0.address == via }) else { return nil }
        return addLocal(kind: .relayed, component: host.component, address: address, base: address,
                        related: mapped, server: server, localPreference: host.localPreference)
    }

    /// The candidate for the `c=`/`m=` line (RFC 8839 §4.2.1.2): relayed, else
    /// server-reflexive, else host; the best of its kind.
    public func defaultCandidate(component: Int) -> ICECandidate? {
        for kind in [ICECandidate.Kind.relayed, .serverReflexive, .host] {
            if let best = localCandidates.filter({ $0.component == component && $0.kind == kind }).max(by: { $0.priority < $1.priority }) {
                return best
            }
        }
        return nil
    }

    /// The local candidates to signal (peer-reflexive ones are learned, never signalled).
    public var signalledCandidates: [ICECandidate] {
        localCandidates.filter { $0.kind != .peerReflexive }
    }

    mutating func addLocal(
        kind: ICECandidate.Kind, component: Int, address: TransportAddress, base: TransportAddress,
        related: TransportAddress?, server: TransportAddress?, localPreference: UInt16
    ) -> ICECandidate? {
        let candidate = ICECandidate(
            kind: kind, component: component, address: address, base: base, relatedAddress: related,
            foundation: foundation(kind: kind, base: base, server: server),
            priority: ICECandidate.priority(kind: kind, localPreference: localPreference, component: component))
        // §5.1.3: same address and base as a candidate already there is redundant; the
        // one with the higher priority stays.
        if let i = localCandidates.firstIndex(where: { $0.address == address && $0.base == base }) {
            guard localCandidates[i].priority < candidate.priority else { return nil }
            localCandidates[i] = candidate
        } else {
            localCandidates.append(candidate)
        }
        if kind == .host || kind == .relayed {
            for remote in remoteCandidates { addPair(local: candidate, remote: remote, state: .frozen) }
        }
        return candidate
    }

    /// §5.1.1.3: candidates of the same type, base IP address and server share a foundation.
    mutating func foundation(kind: ICECandidate.Kind, base: TransportAddress, server: TransportAddress?) -> String {
        let key = FoundationKey(kind: kind, baseHost: base.addressBytes, server: server?.addressBytes)
        if let known = foundations[key] { return known }
        let name = String(foundations.count + 1)
        foundations[key] = name
        return name
    }
}
