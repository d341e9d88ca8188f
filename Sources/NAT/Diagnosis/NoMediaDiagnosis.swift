/// Why a call hears nothing: the facts the media side knows when no RTP has arrived a few
/// seconds after the answer, turned into a sentence the user can act on. Pure.
public struct NoMediaDiagnosis: Sendable, Equatable {
    /// What we know about the call's media path.
    public struct Facts: Sendable, Equatable {
        /// Where the peer's SDP said to send media (`c=`/`m=`).
        public var peerAddress: TransportAddress?
        /// The peer's SDP carried ICE candidates and credentials.
        public var peerOffersICE = false
        /// The address our SDP named.
        public var localAddress: TransportAddress?
        /// We gathered a server-reflexive or relayed candidate (someone outside can reach us).
        public var hasPublicCandidate = false
        /// The peer's direction lets it send to us at all.
        public var peerSends = true
        /// SRTP packets arrived but failed authentication.
        public var authenticationFailures = 0
        /// Why ICE found no path, when it ran and failed.
        public var iceFailure: String?
        /// Why the TURN allocation failed, when one was asked for.
        public var turnFailure: String?
        /// Why learning the public address with STUN failed, when a server was set.
        public var stunFailure: String?
        /// A STUN or TURN server is configured.
        public var natServersConfigured = false

        public init(peerAddress: TransportAddress? = nil, peerOffersICE: Bool = false, localAddress: TransportAddress? = nil,
                    hasPublicCandidate: Bool = false, peerSends: Bool = true, authenticationFailures: Int = 0,
                    iceFailure: String? = nil, turnFailure: String? = nil, stunFailure: String? = nil,
                    natServersConfigured: Bool = false) {
            self.peerAddress = peerAddress
            self.peerOffersICE = peerOffersICE
            self.localAddress = localAddress
            self.hasPublicCandidate = hasPublicCandidate
            self.peerSends = peerSends
            self.authenticationFailures = authenticationFailures
            self.iceFailure = iceFailure
            self.turnFailure = turnFailure
            self.stunFailure = stunFailure
            self.natServersConfigured = natServersConfigured
        }
    }

    /// The most likely cause first: a refusal we were told about beats a guess from
    /// addresses.
    public static func explain(_ facts: Facts) -> String {
        if !facts.peerSends {
            return "the peer does not send audio (its SDP says sendonly/inactive towards us: it holds the call)"
        }
        if facts.authenticationFailures > 0 {
            return "\(facts.authenticationFailures) SRTP packets arrived but failed authentication: the peer encrypts with other keys"
        }
        if let turn = facts.turnFailure {
            return "\(turn); without a relay, a peer behind a symmetric NAT or a firewall cannot reach us"
        }
        if let ice = facts.iceFailure {
            return "ICE found no working path: \(ice)"
        }
        if let peer = facts.peerAddress, peer.isUnspecified {
            return "the peer's SDP names no address (c=0.0.0.0): it holds the call"
        }
        if let peer = facts.peerAddress, peer.isPrivate || peer.isLinkLocal, !facts.peerOffersICE,
           !sameNetwork(peer, facts.localAddress) {
            return "the peer's SDP offers a private address (\(peer.host)) and no ICE: its NAT hides it. "
                + "The peer needs ICE, STUN or an SBC; pipit sends to where its packets come from, but none came"
        }
        if let local = facts.localAddress, local.isPrivate || local.isLinkLocal, !facts.hasPublicCandidate,
           let peer = facts.peerAddress, !peer.isPrivate, !peer.isLoopback {
            let why = facts.stunFailure.map { " (\($0))" } ?? ""
            let fix = facts.natServersConfigured ? "the STUN/TURN server did not answer\(why)"
                : "set stun_server and turn_server in [network] or the account"
            return "our SDP offers only the private address \(local.host) and no public candidate: \(fix)"
        }
        let peer = facts.peerAddress.map { " from \($0)" } ?? ""
        return "no RTP arrived\(peer): a firewall may drop inbound UDP, or the peer sends elsewhere; "
            + (facts.natServersConfigured ? "ICE with a TURN relay over TCP gets through most firewalls"
                : "a TURN server (turn_server in [network]) gets through most firewalls")
    }

    /// Two private addresses in the same /16 (IPv4) or /48 (IPv6) are probably one LAN,
    /// where a private address is fine.
    static func sameNetwork(_ a: TransportAddress, _ b: TransportAddress?) -> Bool {
        guard let b, a.family == b.family else { return false }
        let prefix = a.family == .ipv4 ? 2 : 6
        return a.addressBytes.prefix(prefix) == b.addressBytes.prefix(prefix)
    }
}
