import NAT

/// What the public address a STUN (or TURN) server saw says about the NAT in front of the
/// call's socket. One server cannot tell a cone NAT from a symmetric one, so whether the
/// port was kept is all there is to say.
public enum NATMappingSeen: String, Sendable, Equatable {
    case noNAT = "no NAT"
    case portKept = "NAT, port kept"
    case portChanged = "NAT, port changed"

    /// `seen` against the socket's own address `base` and the machine's other host
    /// addresses; nil when `base` is unspecified (nothing to compare with).
    public init?(seen: TransportAddress, base: TransportAddress, hosts: [TransportAddress] = []) {
        if seen == base || hosts.contains(seen) {
            self = .noNAT
        } else if base.isUnspecified {
            return nil
        } else {
            self = seen.port == base.port ? .portKept : .portChanged
        }
    }
}
