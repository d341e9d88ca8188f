/// A local and a remote candidate of the same component and family (RFC 8445 §6.1.2).
public struct ICECandidatePair: Hashable, Sendable, CustomStringConvertible {
    public var local: ICECandidate
    public var remote: ICECandidate

    public init(local: ICECandidate, remote: ICECandidate) {
        self.local = local
        self.remote = remote
    }

    public var component: Int { local.component }

    /// Where media for this pair leaves from and goes to.
    public var sendingBase: ICEBase { local.sendingBase }
    public var destination: TransportAddress { remote.address }

    /// §6.1.2.3: 2^32·min(G,D) + 2·max(G,D) + (G > D ? 1 : 0), where G is the controlling
    /// agent's candidate priority and D the controlled one's. Priorities are at most
    /// 2^31 − 1 (§5.1.2); larger ones from a peer are clamped so the sum fits 64 bits.
    public static func priority(controlling g: UInt32, controlled d: UInt32) -> UInt64 {
        let g = min(g, 0x7FFF_FFFF), d = min(d, 0x7FFF_FFFF)
        let (low, high) = (UInt64(min(g, d)), UInt64(max(g, d)))
        return low << 32 + 2 * high + (g > d ? 1 : 0)
    }

    /// This pair's priority when this agent has `role`.
    public func priority(as role: ICERole) -> UInt64 {
        role == .controlling
            ? Self.priority(controlling: local.priority, controlled: remote.priority)
            : Self.priority(controlling: remote.priority, controlled: local.priority)
    }

    public var description: String { "\(local) -> \(remote)" }
}

/// A pair's state in the check list (§6.1.2.6).
public enum ICEPairState: String, Hashable, Sendable {
    case frozen, waiting, inProgress, succeeded, failed
}

/// Which side nominates (§6.1.1).
public enum ICERole: String, Hashable, Sendable {
    case controlling, controlled

    public var other: ICERole { self == .controlling ? .controlled : .controlling }
}

/// The check list's overall state (§6.1.2.1).
public enum ICEState: Hashable, Sendable {
    /// No remote description yet.
    case new
    case running
    /// Every component has a selected pair.
    case completed
    case failed(ICEFailure)
}

/// Why ICE could not (or no longer can) carry media, in words the user can act on.
public enum ICEFailure: Hashable, Sendable, CustomStringConvertible {
    /// Every pair was checked and none answered.
    case noPairAnswered(component: Int, pairsTried: Int, localKinds: [ICECandidate.Kind], remoteKinds: [ICECandidate.Kind])
    /// Nothing to pair: no local or no remote candidate of this component shares a family.
    case noCandidatePairs(component: Int, local: Int, remote: Int)
    /// RFC 7675: no answer on the selected pair for the consent timeout.
    case consentLost(component: Int)

    public var description: String {
        switch self {
        case .noPairAnswered(let component, let tried, let local, let remote):
            let kinds = Set(local + remote)
            let names = ICECandidate.Kind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: ", ")
            return "no candidate pair answered: \(tried) pair\(tried == 1 ? "" : "s") tried (\(names))"
                + (component > 1 ? " for component \(component)" : "")
                + (local.contains(.relayed) || remote.contains(.relayed) ? "" : "; a TURN server would help")
        case .noCandidatePairs(let component, let local, let remote):
            return "no candidate pairs for component \(component): \(local) local and \(remote) remote candidates share no address family"
        case .consentLost(let component):
            return "the peer stopped answering consent checks on component \(component) for 30 s"
        }
    }
}
